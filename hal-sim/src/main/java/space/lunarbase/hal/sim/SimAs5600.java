package space.lunarbase.hal.sim;

import java.io.IOException;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * A simulated AS5600 (ams DS000365) over a plant angle in degrees. Byte registers behind an
 * auto-incrementing pointer, except that a read started at the high byte of RAW ANGLE, ANGLE or
 * MAGNITUDE stays on that register; invalid addresses read 0. RAW ANGLE is the plant angle
 * rounded to 360/4096&deg;; ANGLE is RAW ANGLE &minus; ZPOS (MPOS/MANG scaling not modelled).
 * ZPOS, MPOS, MANG and CONF keep what is written; BURN is ignored.
 *
 * <p>Faults: {@link #injectNack}, {@link #injectStuckAngle} (RAW ANGLE frozen), {@link #injectMagnet}
 * (lost, too weak, too strong: STATUS and AGC as the chip reports them; without a magnet the angle
 * is noise), {@link #injectNoise} (&plusmn; LSB, seeded).
 */
public final class SimAs5600 implements SimI2CChip {

  /** The magnet as the chip sees it. */
  public enum Magnet { GOOD, LOST, TOO_WEAK, TOO_STRONG }

  private static final int ZMCO = 0x00;
  private static final int CONF_LO = 0x08;
  private static final int STATUS = 0x0B;
  private static final int RAW_ANGLE_HI = 0x0C;
  private static final int ANGLE_HI = 0x0E;
  private static final int AGC = 0x1A;
  private static final int MAGNITUDE_HI = 0x1B;
  private static final int MD = 0x20;
  private static final int ML = 0x10;
  private static final int MH = 0x08;

  private final DoubleSupplier angleDeg;
  private final Random random;
  private final int[] config = new int[CONF_LO + 1];
  private int pointer;
  private boolean nack;
  private Integer stuckRaw;
  private Magnet magnet = Magnet.GOOD;
  private int noiseLsb;

  /** A sensor reading {@code angleDeg} (any real value; taken modulo 360), noise seeded by {@code seed}. */
  public SimAs5600(DoubleSupplier angleDeg, long seed) {
    this.angleDeg = Objects.requireNonNull(angleDeg, "angleDeg");
    this.random = new Random(seed);
  }

  public SimAs5600(DoubleSupplier angleDeg) {
    this(angleDeg, 1);
  }

  /** While on, every transaction fails as an unanswered address does. */
  public synchronized void injectNack(boolean on) {
    nack = on;
  }

  /** While on, RAW ANGLE stays at the value it has now. */
  public synchronized void injectStuckAngle(boolean on) {
    stuckRaw = on ? trueRaw() : null;
  }

  public synchronized void injectMagnet(Magnet state) {
    magnet = Objects.requireNonNull(state, "state");
  }

  /** Adds uniform noise of up to &plusmn;{@code lsb} codes to RAW ANGLE (0 = none). */
  public synchronized void injectNoise(int lsb) {
    if (lsb < 0 || lsb > 2048) {
      throw new IllegalArgumentException("noise must be 0..2048 LSB, was " + lsb);
    }
    noiseLsb = lsb;
  }

  public synchronized void clearFaults() {
    nack = false;
    stuckRaw = null;
    magnet = Magnet.GOOD;
    noiseLsb = 0;
  }

  @Override
  public synchronized void write(byte[] data) throws IOException {
    acknowledge();
    if (data.length == 0) {
      return;
    }
    pointer = data[0] & 0xFF;
    for (int i = 1; i < data.length; i++) {
      if (pointer > ZMCO && pointer <= CONF_LO) {
        config[pointer] = data[i] & 0xFF;
      }
      pointer = pointer + 1 & 0xFF;
    }
  }

  @Override
  public synchronized void read(byte[] buffer) throws IOException {
    acknowledge();
    int start = pointer;
    boolean holds = start == RAW_ANGLE_HI || start == ANGLE_HI || start == MAGNITUDE_HI;
    int raw = raw();
    int p = start;
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = (byte) byteAt(p, raw);
      p = holds && p == start + 1 ? start : p + 1 & 0xFF;
    }
    pointer = holds ? start : p;
  }

  private void acknowledge() throws IOException {
    if (nack) {
      throw new IOException("NACK from simulated AS5600 (injected fault)");
    }
  }

  private int byteAt(int register, int raw) {
    int zpos = (config[0x01] & 0x0F) << 8 | config[0x02];
    int angle = raw - zpos & 0x0FFF;
    return switch (register) {
      case STATUS -> status();
      case RAW_ANGLE_HI -> raw >>> 8;
      case RAW_ANGLE_HI + 1 -> raw & 0xFF;
      case ANGLE_HI -> angle >>> 8;
      case ANGLE_HI + 1 -> angle & 0xFF;
      case AGC -> agc();
      case MAGNITUDE_HI -> magnitude() >>> 8;
      case MAGNITUDE_HI + 1 -> magnitude() & 0xFF;
      default -> register > ZMCO && register <= CONF_LO ? config[register] : 0;
    };
  }

  private int status() {
    return switch (magnet) {
      case GOOD -> MD;
      case LOST -> ML;
      case TOO_WEAK -> MD | ML;
      case TOO_STRONG -> MD | MH;
    };
  }

  private int agc() {
    return switch (magnet) {
      case GOOD -> 128;
      case LOST, TOO_WEAK -> 255;
      case TOO_STRONG -> 0;
    };
  }

  private int magnitude() {
    return switch (magnet) {
      case GOOD -> 2000;
      case LOST -> 12;
      case TOO_WEAK -> 300;
      case TOO_STRONG -> 4095;
    };
  }

  private int raw() {
    if (magnet == Magnet.LOST) {
      return random.nextInt(4096);
    }
    int raw = stuckRaw != null ? stuckRaw : trueRaw();
    if (noiseLsb > 0) {
      raw += random.nextInt(2 * noiseLsb + 1) - noiseLsb;
    }
    return raw & 0x0FFF;
  }

  private int trueRaw() {
    double turns = angleDeg.getAsDouble() / 360.0;
    return (int) Math.round((turns - Math.floor(turns)) * 4096) & 0x0FFF;
  }
}
