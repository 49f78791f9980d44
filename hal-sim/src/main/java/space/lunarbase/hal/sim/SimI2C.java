package space.lunarbase.hal.sim;

import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CConfig;
import java.io.IOException;
import java.util.Arrays;

/**
 * A Pi4J {@code I2C} handle on a simulated bus. Every read, write and register form becomes byte
 * transactions on the chip attached at this handle's bus and address, under the bus lock; an
 * address with no chip, or a closed handle, fails as a NACK does ({@link IOException} inside the
 * transaction, {@code Pi4JException} to the caller).
 */
final class SimI2C extends I2CBase<SimI2CBus> {

  private final SimI2CProvider simProvider;

  SimI2C(SimI2CProvider provider, I2CConfig config, SimI2CBus bus) {
    super(provider, config, bus);
    this.simProvider = provider;
  }

  private interface Transaction<R> {
    R run(SimI2CChip chip) throws IOException;
  }

  private <R> R transact(Transaction<R> transaction) {
    return i2CBus.execute(this, () -> transaction.run(target()));
  }

  private SimI2CChip target() throws IOException {
    if (!isOpen()) {
      throw new IOException("I2C handle " + id() + " is closed");
    }
    SimI2CChip chip = simProvider.chip(bus(), device());
    if (chip == null) {
      throw new IOException(String.format("NACK: no device at address 0x%02X on simulated bus %d", device(), bus()));
    }
    return chip;
  }

  // Plain reads and writes

  @Override
  public int read() {
    return transact(chip -> {
      byte[] one = new byte[1];
      chip.read(one);
      return one[0] & 0xFF;
    });
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    return transact(chip -> {
      byte[] in = new byte[length];
      chip.read(in);
      System.arraycopy(in, 0, buffer, offset, length);
      return length;
    });
  }

  @Override
  public int write(byte b) {
    return transact(chip -> {
      chip.write(new byte[] {b});
      return 1;
    });
  }

  @Override
  public int write(byte[] data, int offset, int length) {
    return transact(chip -> {
      chip.write(Arrays.copyOfRange(data, offset, offset + length));
      return length;
    });
  }

  // Register forms: pointer write, then data in the same bus transaction

  @Override
  public int readRegister(int register) {
    return transact(chip -> {
      chip.write(new byte[] {(byte) register});
      byte[] one = new byte[1];
      chip.read(one);
      return one[0] & 0xFF;
    });
  }

  @Override
  public int readRegister(int register, byte[] buffer, int offset, int length) {
    return readRegister(new byte[] {(byte) register}, buffer, offset, length);
  }

  @Override
  public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
    return transact(chip -> {
      chip.write(register.clone());
      byte[] in = new byte[length];
      chip.read(in);
      System.arraycopy(in, 0, buffer, offset, length);
      return length;
    });
  }

  @Override
  public int writeRegister(int register, byte b) {
    return transact(chip -> {
      chip.write(new byte[] {(byte) register, b});
      return 1;
    });
  }

  @Override
  public int writeRegister(int register, byte[] data, int offset, int length) {
    return writeRegister(new byte[] {(byte) register}, data, offset, length);
  }

  @Override
  public int writeRegister(byte[] register, byte[] data, int offset, int length) {
    return transact(chip -> {
      byte[] out = Arrays.copyOf(register, register.length + length);
      System.arraycopy(data, offset, out, register.length, length);
      chip.write(out);
      return length;
    });
  }
}
