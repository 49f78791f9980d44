package space.lunarbase.hal.device.as5600;

import com.pi4j.io.i2c.I2C;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.device.I2cRegisters;

/**
 * ams AS5600: 12-bit contactless magnetic rotary position sensor on I2C. Datasheet:
 * <a href="https://ams.com/documents/20143/36005/AS5600_DS000365_5-00.pdf">AS5600 DS000365</a>.
 *
 * <p>Facts this driver relies on (datasheet v1-06, figure or page in brackets):
 * <ul>
 *   <li>Fixed 7-bit I2C address 0x36 [p. 13]; a second sensor needs a second bus or a mux.
 *   <li>8-bit registers with an auto-incrementing address pointer; reads started at the high byte
 *       of RAW ANGLE, ANGLE or MAGNITUDE do not advance past the low byte [p. 13].
 *   <li>Register map [figure 21]: 0x00 ZMCO, 0x01/0x02 ZPOS, 0x03/0x04 MPOS, 0x05/0x06 MANG,
 *       0x07/0x08 CONF, 0x0B STATUS, 0x0C/0x0D RAW ANGLE (bits 11..8, 7..0), 0x0E/0x0F ANGLE
 *       (scaled by ZPOS/MPOS/MANG, 10-LSB hysteresis at 360&deg;), 0x1A AGC, 0x1B/0x1C MAGNITUDE,
 *       0xFF BURN (never written by this driver: OTP, three times at most).
 *   <li>STATUS [figure 23]: bit 5 MD magnet detected, bit 4 ML magnet too weak (AGC at maximum
 *       gain), bit 3 MH magnet too strong (AGC at minimum gain).
 *   <li>A full turn is 4096 codes: degrees = RAW ANGLE &times; 360 / 4096.
 *   <li>AGC spans 0..255 at 5 V and 0..128 at 3.3 V; mid-range is the robust air gap.
 * </ul>
 *
 * <p>{@link #read()} returns the raw angle together with the magnet status; whether an angle
 * without a good magnet is usable is the caller's decision (the tracker marks it bad). Every bus
 * error becomes a {@link DeviceException} naming the configured device name.
 */
public final class As5600 {

  /** The only I2C address. */
  public static final int ADDRESS = 0x36;
  public static final int REG_ZMCO = 0x00;
  public static final int REG_ZPOS = 0x01;
  public static final int REG_MPOS = 0x03;
  public static final int REG_MANG = 0x05;
  public static final int REG_CONF = 0x07;
  public static final int REG_STATUS = 0x0B;
  public static final int REG_RAW_ANGLE = 0x0C;
  public static final int REG_ANGLE = 0x0E;
  public static final int REG_AGC = 0x1A;
  public static final int REG_MAGNITUDE = 0x1B;
  public static final int REG_BURN = 0xFF;

  /** STATUS bit 5: magnet detected. */
  public static final int STATUS_MD = 0x20;
  /** STATUS bit 4: magnet too weak. */
  public static final int STATUS_ML = 0x10;
  /** STATUS bit 3: magnet too strong. */
  public static final int STATUS_MH = 0x08;
  /** Codes per turn. */
  public static final int COUNTS_PER_TURN = 4096;

  /**
   * One sample.
   *
   * @param rawAngle RAW ANGLE, 0..4095
   * @param status the STATUS register
   * @param agc the AGC register
   * @param magnitude the MAGNITUDE register, 0..4095
   */
  public record Reading(int rawAngle, int status, int agc, int magnitude) {

    /** RAW ANGLE in degrees, 0 &le; d &lt; 360. */
    public double degrees() {
      return As5600.degrees(rawAngle);
    }

    public boolean magnetDetected() {
      return (status & STATUS_MD) != 0;
    }

    public boolean magnetTooWeak() {
      return (status & STATUS_ML) != 0;
    }

    public boolean magnetTooStrong() {
      return (status & STATUS_MH) != 0;
    }

    /** Empty when the magnet is detected and neither too weak nor too strong, else why not. */
    public String magnetFault() {
      if (!magnetDetected()) {
        return "no magnet detected (STATUS MD = 0)";
      }
      if (magnetTooWeak()) {
        return "magnet too weak (STATUS ML = 1, AGC " + agc + ")";
      }
      if (magnetTooStrong()) {
        return "magnet too strong (STATUS MH = 1, AGC " + agc + ")";
      }
      return "";
    }
  }

  private final I2cRegisters registers;
  private final String name;

  /**
   * @param i2c a handle to the sensor (address {@link #ADDRESS})
   * @param name the device's name in errors and logs, e.g. {@code tracker-1/az-encoder}
   */
  public As5600(I2C i2c, String name) {
    this.name = Objects.requireNonNull(name, "name");
    this.registers = new I2cRegisters(Objects.requireNonNull(i2c, "i2c"), name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("AS5600: name must not be blank");
    }
  }

  public String name() {
    return name;
  }

  /**
   * Reads STATUS, RAW ANGLE, AGC and MAGNITUDE.
   *
   * @throws DeviceException if the sensor does not answer
   */
  public Reading read() {
    int status = readBytes(REG_STATUS, 1, "STATUS");
    int raw = readBytes(REG_RAW_ANGLE, 2, "RAW ANGLE") & 0x0FFF;
    int agc = readBytes(REG_AGC, 1, "AGC");
    int magnitude = readBytes(REG_MAGNITUDE, 2, "MAGNITUDE") & 0x0FFF;
    return new Reading(raw, status, agc, magnitude);
  }

  /**
   * Reads the scaled ANGLE register (0..4095), which equals RAW ANGLE while ZPOS, MPOS and MANG are
   * unprogrammed.
   *
   * @throws DeviceException if the sensor does not answer
   */
  public int readScaledAngle() {
    return readBytes(REG_ANGLE, 2, "ANGLE") & 0x0FFF;
  }

  /** A 12-bit angle code to degrees: code &times; 360 / 4096. */
  public static double degrees(int raw) {
    return (raw & 0x0FFF) * 360.0 / COUNTS_PER_TURN;
  }

  /** Reads {@code length} (1 or 2) bytes from {@code register}, MSB first. */
  private int readBytes(int register, int length, String what) {
    byte[] buffer = registers.read(register, length, what);
    return length == 1 ? buffer[0] & 0xFF : (buffer[0] & 0xFF) << 8 | buffer[1] & 0xFF;
  }
}
