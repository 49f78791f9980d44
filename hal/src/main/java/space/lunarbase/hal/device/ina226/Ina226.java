package space.lunarbase.hal.device.ina226;

import com.pi4j.io.i2c.I2C;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.device.I2cRegisters;

/**
 * Texas Instruments INA226: 36 V, 16-bit, I2C current/voltage/power monitor with a high- or
 * low-side shunt. Datasheet: <a href="https://www.ti.com/lit/ds/symlink/ina226.pdf">SBOS547</a>.
 *
 * <p>Facts this driver relies on (datasheet section in brackets):
 * <ul>
 *   <li>I2C address 0x40..0x4F, chosen by wiring A1 and A0 each to GND, VS, SDA or SCL; 0x40 with
 *       both at GND [7.5.5.1, table 6]. Bus speed up to 400 kHz (fast mode) on a Pi.
 *   <li>16-bit registers, MSB first; a write of the pointer byte selects the register that
 *       following reads return [7.5.5.2].
 *   <li>Register map [7.6]: 0x00 Configuration (default 0x4127), 0x01 Shunt voltage (two's
 *       complement, LSB 2.5 &micro;V, &plusmn;81.92 mV), 0x02 Bus voltage (LSB 1.25 mV, 15 bits,
 *       register full scale 40.96 V, rated 36 V), 0x03 Power (LSB 25 &times; Current_LSB),
 *       0x04 Current (two's complement, LSB Current_LSB), 0x05 Calibration, 0x06 Mask/Enable,
 *       0x07 Alert limit, 0xFE Manufacturer ID (0x5449, "TI"), 0xFF Die ID (0x2260: die 0x226 in
 *       bits 15..4, revision in bits 3..0).
 *   <li>Calibration [7.5.1, equations 1 and 2]: Current_LSB = max expected current / 2^15 and
 *       CAL = trunc(0.00512 / (Current_LSB &times; R_shunt)); the chip then computes
 *       Current = Shunt &times; CAL / 2048 and Power = Current &times; Bus / 20000 itself. CAL is
 *       15 bits wide: the register holds 0..0x7FFF. Current and power read 0 until CAL is set.
 *   <li>Configuration [7.6.1]: bit 15 resets every register to its default; bits 11..9 averaging,
 *       8..6 bus and 5..3 shunt conversion time, 2..0 operating mode. This driver uses 16 averages,
 *       1.1 ms for both conversions and continuous shunt-and-bus mode: a fresh result every
 *       16 &times; (1.1 + 1.1) ms &asymp; 35 ms.
 * </ul>
 *
 * <p>The same class drives the chip on a board (linuxfs I2C) and on the rig (a simulated chip
 * behind our own Pi4J provider). Every bus error becomes a {@link DeviceException} naming
 * {@link Settings#name()}.
 */
public final class Ina226 {

  /** Configuration register (R/W). [7.6.1] */
  public static final int REG_CONFIGURATION = 0x00;
  /** Shunt voltage register (R), two's complement, LSB 2.5 uV. [7.6.2] */
  public static final int REG_SHUNT_VOLTAGE = 0x01;
  /** Bus voltage register (R), LSB 1.25 mV, bit 15 always 0. [7.6.3] */
  public static final int REG_BUS_VOLTAGE = 0x02;
  /** Power register (R), LSB 25 x Current_LSB. [7.6.4] */
  public static final int REG_POWER = 0x03;
  /** Current register (R), two's complement, LSB Current_LSB. [7.6.5] */
  public static final int REG_CURRENT = 0x04;
  /** Calibration register (R/W), 15 bits. [7.6.6] */
  public static final int REG_CALIBRATION = 0x05;
  /** Mask/Enable register (R/W): alert sources, conversion ready flag. [7.6.7] */
  public static final int REG_MASK_ENABLE = 0x06;
  /** Alert limit register (R/W). [7.6.8] */
  public static final int REG_ALERT_LIMIT = 0x07;
  /** Manufacturer ID register (R). [7.6.9] */
  public static final int REG_MANUFACTURER_ID = 0xFE;
  /** Die ID register (R). [7.6.10] */
  public static final int REG_DIE_ID = 0xFF;

  /** Manufacturer ID value: ASCII "TI". */
  public static final int MANUFACTURER_ID_TI = 0x5449;
  /** Die ID in bits 15..4 of the Die ID register. */
  public static final int DIE_ID_INA226 = 0x226;

  /** Configuration bit 15: reset all registers to their defaults; self-clearing. */
  public static final int CONFIG_RESET = 0x8000;
  /** Configuration power-on default: 1 average, 1.1 ms conversions, shunt and bus continuous. */
  public static final int CONFIG_DEFAULT = 0x4127;
  /** Bit 14 is reserved and reads 1; written as 1 to keep the register equal to what is read. */
  private static final int CONFIG_RESERVED_BIT14 = 0x4000;
  /** AVG bits 11..9 = 010: 16 averages. */
  private static final int CONFIG_AVG_16 = 0b010 << 9;
  /** VBUSCT bits 8..6 = 100: bus voltage conversion time 1.1 ms. */
  private static final int CONFIG_VBUSCT_1100US = 0b100 << 6;
  /** VSHCT bits 5..3 = 100: shunt voltage conversion time 1.1 ms. */
  private static final int CONFIG_VSHCT_1100US = 0b100 << 3;
  /** MODE bits 2..0 = 111: shunt and bus, continuous. */
  private static final int CONFIG_MODE_SHUNT_BUS_CONTINUOUS = 0b111;
  /** What {@link #start()} writes to the Configuration register (0x4527). */
  public static final int CONFIGURATION =
      CONFIG_RESERVED_BIT14 | CONFIG_AVG_16 | CONFIG_VBUSCT_1100US | CONFIG_VSHCT_1100US
          | CONFIG_MODE_SHUNT_BUS_CONTINUOUS;

  /** Shunt voltage LSB: 2.5 uV. */
  public static final double SHUNT_LSB_V = 2.5e-6;
  /** Bus voltage LSB: 1.25 mV. */
  public static final double BUS_LSB_V = 1.25e-3;
  /** Largest shunt voltage the ADC measures: 32768 x 2.5 uV = 81.92 mV. */
  public static final double MAX_SHUNT_V = 0.08192;
  /** Rated maximum bus (common-mode) voltage; the register reads up to 40.96 V. */
  public static final double RATED_BUS_V = 36.0;
  /** Fixed constant of the calibration equation, 0.00512. */
  private static final double CAL_CONSTANT = 0.00512;
  /** Power LSB = 25 x Current_LSB. */
  private static final int POWER_LSB_FACTOR = 25;

  private final I2cRegisters registers;
  private final Settings settings;
  private volatile boolean started;

  /**
   * What the driver needs to know about its wiring.
   *
   * @param name the device's name in errors and logs, e.g. {@code bank-a/ina226}
   * @param shuntOhms the shunt resistance
   * @param maxCurrentA the largest current to be measured; sets Current_LSB
   */
  public record Settings(String name, double shuntOhms, double maxCurrentA) {

    public Settings {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("INA226 settings: name must not be blank");
      }
      if (!(shuntOhms > 0) || !Double.isFinite(shuntOhms)) {
        throw new IllegalArgumentException(
            "INA226 " + name + ": shuntOhms must be positive and finite, was " + shuntOhms);
      }
      if (!(maxCurrentA > 0) || !Double.isFinite(maxCurrentA)) {
        throw new IllegalArgumentException(
            "INA226 " + name + ": maxCurrentA must be positive and finite, was " + maxCurrentA);
      }
      double maxShuntV = maxCurrentA * shuntOhms;
      if (maxShuntV > MAX_SHUNT_V) {
        throw new IllegalArgumentException("INA226 " + name + ": maxCurrentA " + maxCurrentA + " A x shuntOhms "
            + shuntOhms + " ohm = " + maxShuntV * 1e3 + " mV exceeds the 81.92 mV shunt range");
      }
      int cal = calibrationFor(maxCurrentA, shuntOhms);
      if (cal > 0x7FFF) {
        throw new IllegalArgumentException("INA226 " + name + ": calibration " + cal + " for maxCurrentA "
            + maxCurrentA + " A and shuntOhms " + shuntOhms + " ohm does not fit 15 bits (max 32767):"
            + " use a larger shunt or a larger maxCurrentA");
      }
    }

    /** Current_LSB = maxCurrentA / 2^15, in amperes per bit. */
    public double currentLsbA() {
      return maxCurrentA / 32768.0;
    }

    /** Power LSB = 25 x Current_LSB, in watts per bit. */
    public double powerLsbW() {
      return POWER_LSB_FACTOR * currentLsbA();
    }

    /** CAL = trunc(0.00512 / (Current_LSB x R_shunt)), the Calibration register value. */
    public int calibration() {
      return calibrationFor(maxCurrentA, shuntOhms);
    }

    private static int calibrationFor(double maxCurrentA, double shuntOhms) {
      double exact = CAL_CONSTANT / (maxCurrentA / 32768.0 * shuntOhms);
      // A relative nudge so that values that are whole numbers on paper are not truncated to n - 1.
      return (int) Math.min(Integer.MAX_VALUE, Math.floor(exact * (1 + 1e-12)));
    }
  }

  /** One set of results, in SI units. Current is positive into the load side of the shunt. */
  public record Measurement(double busVoltageV, double shuntVoltageV, double currentA, double powerW) {}

  public Ina226(I2C i2c, Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.registers = new I2cRegisters(Objects.requireNonNull(i2c, "i2c"), settings.name());
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Checks the chip's identity, resets it, writes the configuration and the calibration, and reads
   * the calibration back.
   *
   * @throws DeviceException if the chip does not answer, is not an INA226, or does not keep the
   *     calibration
   */
  public void start() {
    int manufacturer = readWord(REG_MANUFACTURER_ID, "Manufacturer ID");
    if (manufacturer != MANUFACTURER_ID_TI) {
      throw new DeviceException(settings.name(), String.format(
          "not an INA226: Manufacturer ID register 0xFE expected 0x%04X (TI), read 0x%04X",
          MANUFACTURER_ID_TI, manufacturer));
    }
    int die = readWord(REG_DIE_ID, "Die ID");
    if (die >>> 4 != DIE_ID_INA226) {
      throw new DeviceException(settings.name(), String.format(
          "not an INA226: Die ID register 0xFF expected 0x%03X in bits 15..4, read 0x%04X", DIE_ID_INA226, die));
    }
    writeWord(REG_CONFIGURATION, CONFIG_RESET, "Configuration (reset)");
    writeWord(REG_CONFIGURATION, CONFIGURATION, "Configuration");
    int cal = settings.calibration();
    writeWord(REG_CALIBRATION, cal, "Calibration");
    int readBack = readWord(REG_CALIBRATION, "Calibration");
    if (readBack != cal) {
      throw new DeviceException(settings.name(), String.format(
          "Calibration register 0x05 did not keep its value: wrote 0x%04X, read 0x%04X", cal, readBack));
    }
    started = true;
  }

  /**
   * Reads the latest results.
   *
   * @throws DeviceException if the chip does not answer
   * @throws IllegalStateException before {@link #start()} succeeded
   */
  public Measurement read() {
    if (!started) {
      throw new IllegalStateException("INA226 " + settings.name() + ": read() before start()");
    }
    int shunt = readWord(REG_SHUNT_VOLTAGE, "Shunt voltage");
    int bus = readWord(REG_BUS_VOLTAGE, "Bus voltage");
    int current = readWord(REG_CURRENT, "Current");
    int power = readWord(REG_POWER, "Power");
    return new Measurement(busVolts(bus), shuntVolts(shunt), (short) current * settings.currentLsbA(),
        power * settings.powerLsbW());
  }

  /** Bus voltage register word to volts: 15 bits, 1.25 mV each (bit 15 is ignored). */
  public static double busVolts(int raw) {
    return (raw & 0x7FFF) * BUS_LSB_V;
  }

  /** Shunt voltage register word (two's complement 16 bits) to volts: 2.5 uV each. */
  public static double shuntVolts(int raw) {
    return (short) raw * SHUNT_LSB_V;
  }

  private int readWord(int register, String what) {
    return registers.readWord(register, what);
  }

  private void writeWord(int register, int value, String what) {
    registers.writeWord(register, value, what);
  }
}
