package space.lunarbase.hal.sim;

import java.io.IOException;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * A simulated ADS1115 (TI SBAS444) whose four inputs AIN0..AIN3 read voltages against GND from
 * plant suppliers. Answers per register through the 2-bit pointer: Conversion, Config (stored as
 * written, OS as the chip reports it), Lo_thresh and Hi_thresh (stored). A Config write with
 * OS = 1 in single-shot mode samples the selected input (or pair) at the selected PGA range,
 * clears OS, and sets it again after {@link #pollsPerConversion(int) N} Config reads, when the
 * result appears in the Conversion register. In continuous mode (MODE = 0) every Conversion read
 * converts afresh. Codes are rounded to FS / 2^15 and saturate at 0x7FFF / 0x8000. The comparator
 * is not modelled.
 *
 * <p>Faults: {@link #injectNack}, {@link #injectNeverReady} (a conversion never finishes),
 * {@link #injectNoise} (Gaussian, in volts, seeded), {@link #injectFlippedBit} (one bit of every
 * Conversion read inverted).
 */
public final class SimAds1115 extends WordRegisterChip {

  static final int CONVERSION = 0x00;
  static final int CONFIG = 0x01;
  static final int LO_THRESH = 0x02;
  static final int HI_THRESH = 0x03;
  static final int CONFIG_DEFAULT = 0x8583;
  private static final int OS = 0x8000;
  private static final int MODE_SINGLE = 0x0100;
  private static final double[] FULL_SCALE = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};

  private final DoubleSupplier[] inputs = new DoubleSupplier[4];
  private final Random random;

  private int config = CONFIG_DEFAULT;
  private int conversion;
  private int loThresh = 0x8000;
  private int hiThresh = 0x7FFF;
  private int pending = -1;
  private int pollsLeft;
  private int pollsPerConversion = 1;
  private int conversions;
  private boolean nack;
  private boolean neverReady;
  private double noiseSigmaV;
  private int flipMask;

  /** A chip whose inputs all read 0 V until {@link #input} connects them; noise seeded by {@code seed}. */
  public SimAds1115(long seed) {
    this.random = new Random(seed);
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = () -> 0.0;
    }
  }

  public SimAds1115() {
    this(1);
  }

  /** Connects input AIN{@code n} (0..3) to {@code volts}, measured against GND. */
  public synchronized SimAds1115 input(int n, DoubleSupplier volts) {
    if (n < 0 || n > 3) {
      throw new IllegalArgumentException("ADS1115 has inputs 0..3, not " + n);
    }
    inputs[n] = Objects.requireNonNull(volts, "volts");
    return this;
  }

  /** How many Config reads a single-shot conversion stays busy for (>= 1; default 1). */
  public synchronized void pollsPerConversion(int polls) {
    if (polls < 1) {
      throw new IllegalArgumentException("pollsPerConversion must be >= 1, was " + polls);
    }
    pollsPerConversion = polls;
  }

  /** While on, every transaction fails as an unanswered address does. */
  public synchronized void injectNack(boolean on) {
    nack = on;
  }

  /** While on, a started conversion never completes: OS stays 0. */
  public synchronized void injectNeverReady(boolean on) {
    neverReady = on;
  }

  /** Adds Gaussian noise of {@code sigmaV} volts to every conversion (0 = none). */
  public synchronized void injectNoise(double sigmaV) {
    if (!(sigmaV >= 0) || !Double.isFinite(sigmaV)) {
      throw new IllegalArgumentException("noise sigma must be finite and >= 0, was " + sigmaV);
    }
    noiseSigmaV = sigmaV;
  }

  /** Inverts bit {@code bit} (0..15) of every Conversion read; {@code -1} stops it. */
  public synchronized void injectFlippedBit(int bit) {
    if (bit < -1 || bit > 15) {
      throw new IllegalArgumentException("bit must be 0..15 or -1, was " + bit);
    }
    flipMask = bit < 0 ? 0 : 1 << bit;
  }

  /** Clears every injected fault. */
  public synchronized void clearFaults() {
    nack = false;
    neverReady = false;
    noiseSigmaV = 0;
    flipMask = 0;
  }

  /** The Config register as last written (OS as written). */
  public synchronized int config() {
    return config;
  }

  /** How many conversions were started. */
  public synchronized int conversions() {
    return conversions;
  }

  @Override
  protected void acknowledge() throws IOException {
    if (nack) {
      throw new IOException("NACK from simulated ADS1115 (injected fault)");
    }
  }

  @Override
  protected int readWord(int register) {
    return switch (register & 0x03) {
      case CONVERSION -> {
        if ((config & MODE_SINGLE) == 0) {
          conversion = code(config);
        }
        yield (conversion ^ flipMask) & 0xFFFF;
      }
      case CONFIG -> readConfig();
      case LO_THRESH -> loThresh;
      default -> hiThresh;
    };
  }

  @Override
  protected void writeWord(int register, int value) {
    switch (register & 0x03) {
      case CONVERSION -> {
        // read-only: acknowledged and ignored
      }
      case CONFIG -> writeConfig(value);
      case LO_THRESH -> loThresh = value;
      default -> hiThresh = value;
    }
  }

  private void writeConfig(int value) {
    config = value & ~OS;
    if ((value & OS) != 0 && (value & MODE_SINGLE) != 0) {
      conversions++;
      pending = code(value);
      pollsLeft = pollsPerConversion;
    }
  }

  private int readConfig() {
    if (pending < 0) {
      return config | OS;
    }
    if (neverReady) {
      return config;
    }
    if (--pollsLeft > 0) {
      return config;
    }
    conversion = pending;
    pending = -1;
    return config | OS;
  }

  /** The code the chip converts for {@code configWord}'s MUX and PGA now. */
  private int code(int configWord) {
    int mux = configWord >>> 12 & 0b111;
    double fullScale = FULL_SCALE[configWord >>> 9 & 0b111];
    double volts = switch (mux) {
      case 0b000 -> volts(0) - volts(1);
      case 0b001 -> volts(0) - volts(3);
      case 0b010 -> volts(1) - volts(3);
      case 0b011 -> volts(2) - volts(3);
      default -> volts(mux - 0b100);
    };
    if (noiseSigmaV > 0) {
      volts += random.nextGaussian() * noiseSigmaV;
    }
    long code = Math.round(volts / fullScale * 32768.0);
    return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, code)) & 0xFFFF;
  }

  private double volts(int n) {
    return inputs[n].getAsDouble();
  }
}
