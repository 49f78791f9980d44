package space.lunarbase.hal.device;

import com.pi4j.io.i2c.I2C;
import space.lunarbase.hal.DeviceException;

/**
 * A chip's registers behind a Pi4J {@link I2C} handle, for drivers: every bus error (a NACK, a
 * timeout, a short read) becomes a {@link DeviceException} naming the device, the register and what
 * the driver was doing, so a driver never hands on a plausible wrong number.
 */
public final class I2cRegisters {

  private final I2C i2c;
  private final String device;

  /**
   * @param i2c the chip's handle
   * @param device the device's name in errors, e.g. {@code bank-1/ina226}
   */
  public I2cRegisters(I2C i2c, String device) {
    this.i2c = i2c;
    this.device = device;
  }

  /** A 16-bit register, most significant byte first (SMBus word order swapped, as Pi4J reads it). */
  public int readWord(int register, String what) {
    try {
      return i2c.readRegisterWord(register) & 0xFFFF;
    } catch (RuntimeException e) {
      throw failed("reading", what, register, e);
    }
  }

  /** Writes a 16-bit register, most significant byte first. */
  public void writeWord(int register, int value, String what) {
    try {
      i2c.writeRegisterWord(register, value);
    } catch (RuntimeException e) {
      throw failed("writing", what, register, e);
    }
  }

  /** Reads {@code length} bytes from {@code register} on (with the chip's auto-increment). */
  public byte[] read(int register, int length, String what) {
    byte[] buffer = new byte[length];
    int got;
    try {
      got = i2c.readRegister(register, buffer, 0, length);
    } catch (RuntimeException e) {
      throw failed("reading", what, register, e);
    }
    if (got != length) {
      throw new DeviceException(device, String.format("reading %s register 0x%02X: short read, %d of %d bytes",
          what, register, got, length));
    }
    return buffer;
  }

  /** Writes {@code data} to {@code register} on. */
  public void write(int register, byte[] data, String what) {
    try {
      i2c.writeRegister(register, data, 0, data.length);
    } catch (RuntimeException e) {
      throw failed("writing", what, register, e);
    }
  }

  /** Writes one byte register. */
  public void writeByte(int register, int value, String what) {
    try {
      i2c.writeRegister(register, (byte) value);
    } catch (RuntimeException e) {
      throw failed("writing", what, register, e);
    }
  }

  private DeviceException failed(String action, String what, int register, RuntimeException cause) {
    return new DeviceException(device, String.format("%s %s register 0x%02X failed: %s", action, what, register,
        DeviceException.rootMessage(cause)), cause);
  }
}
