package space.lunarbase.hal.sim;

import java.io.IOException;

/**
 * A chip with 8-bit register addresses and 16-bit registers sent MSB first, with no
 * auto-increment: a write of [reg] sets the pointer, [reg, hi, lo] also writes the register, a
 * read returns hi, lo of the pointed register (repeated if more bytes are clocked out). Subclasses
 * supply the register contents; every transaction first passes {@link #acknowledge()}, where a
 * fault can be injected.
 */
public abstract class WordRegisterChip implements SimI2CChip {

  private int pointer;

  /** Called at the start of every transaction; throw to NACK it. */
  protected void acknowledge() throws IOException {}

  /** The 16-bit value a read of {@code register} returns now. */
  protected abstract int readWord(int register) throws IOException;

  /** Stores a 16-bit value written to {@code register}; read-only registers ignore it. */
  protected abstract void writeWord(int register, int value) throws IOException;

  @Override
  public final synchronized void write(byte[] data) throws IOException {
    acknowledge();
    if (data.length == 0) {
      return;
    }
    pointer = data[0] & 0xFF;
    if (data.length >= 3) {
      writeWord(pointer, (data[1] & 0xFF) << 8 | data[2] & 0xFF);
    }
  }

  @Override
  public final synchronized void read(byte[] buffer) throws IOException {
    acknowledge();
    int word = readWord(pointer) & 0xFFFF;
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = (byte) (i % 2 == 0 ? word >>> 8 : word);
    }
  }

  /** The register the pointer selects. */
  protected final synchronized int pointer() {
    return pointer;
  }
}
