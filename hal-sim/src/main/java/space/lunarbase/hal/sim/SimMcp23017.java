package space.lunarbase.hal.sim;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A simulated MCP23017 I/O expander at register level (IOCON.BANK = 0 map, 22 byte registers,
 * pointer auto-increment unless IOCON.SEQOP is set, rolling over to 0x00 after 0x15). GPIO reads
 * return, per pin, the latch for outputs and the external level (0, or 1 with the pull-up
 * enabled) for inputs, inverted by IPOL on inputs; a GPIO write goes to OLAT; INTF and INTCAP are
 * read-only. Interrupts and IOCON.BANK = 1 are not modelled (the driver uses neither).
 *
 * <p>The pins drive loads: a listener hears the 16 pin levels that are driven high (outputs whose
 * latch is 1, after faults) whenever they may have changed. Faults: {@link #injectNack(boolean)},
 * {@link #injectStuckPin(int, Boolean)} (a pin held at a level whatever its latch, e.g. a shorted
 * driver), {@link #brownOut()} (a power-on reset: all inputs, latches 0).
 */
public final class SimMcp23017 implements SimI2CChip {

  static final int IODIRA = 0x00;
  static final int IPOLA = 0x02;
  static final int IOCONA = 0x0A;
  static final int IOCONB = 0x0B;
  static final int GPPUA = 0x0C;
  static final int INTFA = 0x0E;
  static final int INTCAPB = 0x11;
  static final int GPIOA = 0x12;
  static final int GPIOB = 0x13;
  static final int OLATA = 0x14;
  static final int REGISTERS = 0x16;
  private static final int SEQOP = 0x20;

  private final int[] regs = new int[REGISTERS];
  private int pointer;
  private boolean nack;
  private int stuckMask;
  private int stuckLevels;
  private IntConsumer listener = levels -> { };

  public SimMcp23017() {
    powerOn();
  }

  /** Hears the driven pin levels (bit n = pin n driven high) after every change; one listener. */
  public synchronized void onOutputs(IntConsumer listener) {
    this.listener = listener == null ? levels -> { } : listener;
    notifyOutputs();
  }

  /** While on, every transaction fails as an unanswered address does. */
  public synchronized void injectNack(boolean on) {
    nack = on;
  }

  /** Holds pin {@code pin} (0..15) at {@code level}; {@code null} releases it. */
  public synchronized void injectStuckPin(int pin, Boolean level) {
    if (pin < 0 || pin > 15) {
      throw new IllegalArgumentException("MCP23017 pins are 0..15, was " + pin);
    }
    int bit = 1 << pin;
    stuckMask = level == null ? stuckMask & ~bit : stuckMask | bit;
    stuckLevels = level != null && level ? stuckLevels | bit : stuckLevels & ~bit;
    notifyOutputs();
  }

  /** A brown-out: power-on reset of every register (IODIR 0xFF, the rest 0x00). */
  public synchronized void brownOut() {
    powerOn();
    notifyOutputs();
  }

  /** Clears NACK and stuck pins (a brown-out is not undone). */
  public synchronized void clearFaults() {
    nack = false;
    stuckMask = 0;
    stuckLevels = 0;
    notifyOutputs();
  }

  /** The 16 pin levels as GPIO would read them. */
  public synchronized int pinLevels() {
    return gpio(0) | gpio(1) << 8;
  }

  /** The 16 direction bits (1 = input). */
  public synchronized int direction() {
    return regs[IODIRA] | regs[IODIRA + 1] << 8;
  }

  @Override
  public synchronized void write(byte[] data) throws IOException {
    acknowledge();
    if (data.length == 0) {
      return;
    }
    pointer = (data[0] & 0xFF) % REGISTERS;
    for (int i = 1; i < data.length; i++) {
      store(pointer, data[i] & 0xFF);
      advance();
    }
    notifyOutputs();
  }

  @Override
  public synchronized void read(byte[] buffer) throws IOException {
    acknowledge();
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = (byte) load(pointer);
      advance();
    }
  }

  private void acknowledge() throws IOException {
    if (nack) {
      throw new IOException("NACK from simulated MCP23017 (injected fault)");
    }
  }

  private void advance() {
    if ((regs[IOCONA] & SEQOP) == 0) {
      pointer = (pointer + 1) % REGISTERS;
    }
  }

  private void store(int register, int value) {
    switch (register) {
      case IOCONA, IOCONB -> {
        regs[IOCONA] = value;
        regs[IOCONB] = value;
      }
      case GPIOA, GPIOB -> regs[register + 2] = value; // a GPIO write goes to OLAT
      default -> {
        if (register < INTFA || register > INTCAPB) {
          regs[register] = value;
        }
      }
    }
  }

  private int load(int register) {
    return switch (register) {
      case GPIOA -> gpio(0);
      case GPIOB -> gpio(1);
      default -> regs[register];
    };
  }

  /** Pin levels of one port (0 = A, 1 = B). */
  private int gpio(int port) {
    int dir = regs[IODIRA + port];
    int latch = regs[OLATA + port];
    int external = regs[GPPUA + port]; // no external drivers: an input floats to its pull-up or 0
    int input = external ^ regs[IPOLA + port];
    int levels = (latch & ~dir | input & dir) & 0xFF;
    int stuck = stuckMask >>> 8 * port & 0xFF;
    int stuckLevel = stuckLevels >>> 8 * port & 0xFF;
    return levels & ~stuck | stuckLevel & stuck;
  }

  private int driven() {
    int outputs = ~direction() & 0xFFFF;
    int latches = regs[OLATA] | regs[OLATA + 1] << 8;
    int driven = latches & outputs;
    return driven & ~stuckMask | stuckLevels & stuckMask;
  }

  private void notifyOutputs() {
    listener.accept(driven());
  }

  private void powerOn() {
    Arrays.fill(regs, 0);
    regs[IODIRA] = 0xFF;
    regs[IODIRA + 1] = 0xFF;
    pointer = 0;
  }
}
