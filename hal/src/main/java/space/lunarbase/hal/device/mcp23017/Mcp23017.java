package space.lunarbase.hal.device.mcp23017;

import com.pi4j.io.i2c.I2C;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.device.I2cRegisters;

/**
 * Microchip MCP23017: 16-bit I/O expander on I2C, two 8-bit ports A and B. Datasheet:
 * <a href="https://ww1.microchip.com/downloads/en/devicedoc/20001952c.pdf">DS20001952</a>.
 * Here it drives the per-cell balancing bleed switches: one output pin per cell.
 *
 * <p>Facts this driver relies on (datasheet section in brackets):
 * <ul>
 *   <li>I2C address 0b0100_A2A1A0: 0x20..0x27 by the A2..A0 pins [3.3.1]; up to 1.7 MHz.
 *   <li>Register map with IOCON.BANK = 0, the power-on setting [3.5, table 3-5]: IODIRA 0x00,
 *       IODIRB 0x01, IPOLA/B 0x02/0x03, GPINTENA/B 0x04/0x05, DEFVALA/B 0x06/0x07, INTCONA/B
 *       0x08/0x09, IOCON 0x0A (mirrored at 0x0B), GPPUA/B 0x0C/0x0D, INTFA/B 0x0E/0x0F,
 *       INTCAPA/B 0x10/0x11, GPIOA/B 0x12/0x13, OLATA/B 0x14/0x15.
 *   <li>Sequential operation (IOCON.SEQOP = 0, the default) increments the register pointer after
 *       each byte [3.2.1], so a two-byte transfer starting at an A register covers A then B. Pin
 *       n of this driver is GPAn for n = 0..7 and GPB(n-8) for n = 8..15.
 *   <li>IODIR bit 1 = input, 0 = output; power-on reset sets IODIR to 0xFF (all inputs) and every
 *       other register to 0x00 [3.5.1, table 3-5]. A brown-out therefore turns every bleed output
 *       into a high-impedance input; this driver detects it as IODIR not reading what
 *       {@link #start()} wrote.
 *   <li>Writing OLAT sets the output latches; reading GPIO returns the pin levels, so reading back
 *       GPIO after writing OLAT shows a pin that does not follow its latch [3.5.10, 3.5.11].
 *   <li>GPPU bit 1 enables a 100 k&Omega; pull-up on an input pin [3.5.7].
 * </ul>
 * Every bus error becomes a {@link DeviceException} naming the device.
 */
public final class Mcp23017 {

  /** I/O direction, port A (1 = input). Port B follows at +1. */
  public static final int REG_IODIRA = 0x00;
  /** Input polarity, port A. */
  public static final int REG_IPOLA = 0x02;
  /** Configuration (BANK bit 7, SEQOP bit 5); mirrored at 0x0B. */
  public static final int REG_IOCON = 0x0A;
  /** Pull-up enables, port A. */
  public static final int REG_GPPUA = 0x0C;
  /** Pin levels, port A (a write goes to OLATA). */
  public static final int REG_GPIOA = 0x12;
  /** Output latches, port A. */
  public static final int REG_OLATA = 0x14;
  /** IOCON as this driver writes it: BANK = 0, sequential, push-pull INT, everything else default. */
  public static final int IOCON = 0x00;
  /** Lowest and highest address the A2..A0 pins select. */
  public static final int MIN_ADDRESS = 0x20;
  public static final int MAX_ADDRESS = 0x27;
  /** IODIR after power-on: all 16 pins inputs. */
  public static final int POWER_ON_IODIR = 0xFFFF;

  private final I2cRegisters registers;
  private final String name;
  private final int outputMask;

  /**
   * @param i2c the chip's handle
   * @param name the device's name in errors, e.g. {@code bank-a/bleed0}
   * @param outputMask 16 bits, 1 for each pin this driver drives as an output; the others stay
   *     inputs
   */
  public Mcp23017(I2C i2c, String name, int outputMask) {
    this.name = Objects.requireNonNull(name, "name");
    this.registers = new I2cRegisters(Objects.requireNonNull(i2c, "i2c"), name);
    if (outputMask <= 0 || outputMask > 0xFFFF) {
      throw new IllegalArgumentException(String.format(
          "MCP23017 %s: outputMask must be 1..0xFFFF (16 pins), was 0x%X", name, outputMask));
    }
    this.outputMask = outputMask;
  }

  public String name() {
    return name;
  }

  public int outputMask() {
    return outputMask;
  }

  /** The IODIR pair this driver configures: 0 for each output pin. */
  public int direction() {
    return ~outputMask & 0xFFFF;
  }

  /**
   * Configures the chip: IOCON, every output latch low (bleed off), the output pins as outputs,
   * and checks IODIR reads back. Also the recovery after a reset.
   *
   * @throws DeviceException if the chip does not answer or does not keep its direction
   */
  public void start() {
    writeByte(REG_IOCON, IOCON, "IOCON");
    writePair(REG_OLATA, 0, "OLAT");
    writePair(REG_IODIRA, direction(), "IODIR");
    int readBack = readPair(REG_IODIRA, "IODIR");
    if (readBack != direction()) {
      throw new DeviceException(name, String.format(
          "IODIR did not keep its value: wrote 0x%04X, read 0x%04X", direction(), readBack));
    }
  }

  /**
   * Sets the output pins to {@code levels} (bit n = pin n high; bits outside the output mask are
   * ignored) through OLAT, then reads GPIO back.
   *
   * @throws DeviceException if the chip does not answer, has reset since {@link #start()} (IODIR
   *     no longer configured: call start() again), or an output pin does not follow its latch
   */
  public void writeOutputs(int levels) {
    int wanted = levels & outputMask;
    int dir = readPair(REG_IODIRA, "IODIR");
    if (dir != direction()) {
      throw new DeviceException(name, String.format("IODIR reads 0x%04X, expected 0x%04X: the chip has reset"
          + " (brown-out?) and its outputs are inputs; start() it again", dir, direction()));
    }
    writePair(REG_OLATA, wanted, "OLAT");
    int pins = readPair(REG_GPIOA, "GPIO") & outputMask;
    if (pins != wanted) {
      throw new DeviceException(name, String.format("output pin(s) %s do not follow their latch: wrote 0x%04X,"
          + " pins read 0x%04X", pinNames(pins ^ wanted), wanted, pins));
    }
  }

  /** The 16 pin levels (GPIOA in bits 0..7, GPIOB in 8..15). */
  public int readPins() {
    return readPair(REG_GPIOA, "GPIO");
  }

  /** The 16 output latches. */
  public int readLatches() {
    return readPair(REG_OLATA, "OLAT");
  }

  /** The 16 direction bits (1 = input). */
  public int readDirection() {
    return readPair(REG_IODIRA, "IODIR");
  }

  /** Names of the set pins, e.g. {@code GPA3,GPB0}. */
  public static String pinNames(int pins) {
    StringBuilder out = new StringBuilder();
    for (int pin = 0; pin < 16; pin++) {
      if ((pins >>> pin & 1) != 0) {
        out.append(out.isEmpty() ? "" : ",").append(pin < 8 ? "GPA" + pin : "GPB" + (pin - 8));
      }
    }
    return out.toString();
  }

  /** Two registers A then B (IOCON.BANK = 0 keeps them adjacent), as B << 8 | A. */
  private int readPair(int registerA, String what) {
    byte[] buffer = registers.read(registerA, 2, what);
    return (buffer[0] & 0xFF) | (buffer[1] & 0xFF) << 8;
  }

  private void writePair(int registerA, int value, String what) {
    registers.write(registerA, new byte[] {(byte) value, (byte) (value >>> 8)}, what);
  }

  private void writeByte(int register, int value, String what) {
    registers.writeByte(register, value, what);
  }
}
