package space.lunarbase.hal.device.ads1115;

import com.pi4j.io.i2c.I2C;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.device.I2cRegisters;

/**
 * Texas Instruments ADS1115: 16-bit, 4-channel delta-sigma ADC with a programmable gain amplifier,
 * on I2C. Datasheet: <a href="https://www.ti.com/lit/ds/symlink/ads1115.pdf">SBAS444</a>
 * (ADS111x).
 *
 * <p>Facts this driver relies on (datasheet section in brackets):
 * <ul>
 *   <li>I2C address by the ADDR pin [9.5.1.1, table 4]: GND 0x48, VDD 0x49, SDA 0x4A, SCL 0x4B.
 *   <li>Registers [9.6]: a 2-bit pointer selects 0x00 Conversion (16-bit two's complement),
 *       0x01 Config, 0x02 Lo_thresh (default 0x8000), 0x03 Hi_thresh (default 0x7FFF); 16-bit
 *       words, MSB first.
 *   <li>Config [9.6.3] (default 0x8583): bit 15 OS (write 1 = start a single conversion; read
 *       0 = converting, 1 = idle); 14..12 MUX (000 AIN0&minus;AIN1, 001 AIN0&minus;AIN3,
 *       010 AIN1&minus;AIN3, 011 AIN2&minus;AIN3, 100..111 AIN0..AIN3 against GND);
 *       11..9 PGA full scale (000 &plusmn;6.144 V, 001 &plusmn;4.096, 010 &plusmn;2.048,
 *       011 &plusmn;1.024, 100 &plusmn;0.512, 101..111 &plusmn;0.256 V); 8 MODE (1 = single-shot);
 *       7..5 DR (8, 16, 32, 64, 128, 250, 475, 860 SPS); 4..0 comparator, 00011 disables it and
 *       leaves ALERT/RDY high-impedance.
 *   <li>Output codes [9.3.3, table 3]: LSB = FS / 2^15; +FS (and above) reads 0x7FFF, &minus;FS
 *       (and below) 0x8000: the code saturates, it does not wrap.
 *   <li>Conversion time is 1 / DR; the internal oscillator's rate varies by &plusmn;10 % [7.5].
 *   <li>There is no identity register: {@link #start()} checks the chip by writing the Config
 *       register and reading it back.
 * </ul>
 *
 * <p>Each reading is a single-shot conversion: write Config with OS = 1 and the channel's MUX and
 * PGA, wait one conversion time, poll OS until it reads 1 with a deadline of 1.1 &times; the
 * conversion time + {@link #DEADLINE_MARGIN} (and at most {@link #MAX_POLLS} polls), then read the
 * Conversion register. Like diozero's {@code Ads1x15}, the chip hands out {@link Channel} objects.
 * Every bus error or timeout becomes a {@link DeviceException} naming {@link Settings#name()}.
 */
public final class Ads1115 {

  /** Conversion register (R): the last result, two's complement. [9.6.2] */
  public static final int REG_CONVERSION = 0x00;
  /** Config register (R/W). [9.6.3] */
  public static final int REG_CONFIG = 0x01;
  /** Lo_thresh register (R/W), default 0x8000. [9.6.4] */
  public static final int REG_LO_THRESH = 0x02;
  /** Hi_thresh register (R/W), default 0x7FFF. [9.6.4] */
  public static final int REG_HI_THRESH = 0x03;

  /** Config bit 15 OS: write 1 starts a conversion; reads 1 when idle, 0 while converting. */
  public static final int CONFIG_OS = 0x8000;
  /** Config bit 8 MODE: 1 = single-shot / power-down. */
  public static final int CONFIG_MODE_SINGLE_SHOT = 0x0100;
  /** Config bits 1..0 COMP_QUE = 11: comparator off, ALERT/RDY high-impedance. */
  public static final int CONFIG_COMP_DISABLED = 0x0003;
  /** Config power-on default: idle, AIN0-AIN1, +-2.048 V, single-shot, 128 SPS, comparator off. */
  public static final int CONFIG_DEFAULT = 0x8583;

  /** Slack added to the conversion deadline for bus transfers and the chip's wake-up. */
  public static final Duration DEADLINE_MARGIN = Duration.ofMillis(2);
  /** Most Config polls one conversion may take, whatever the clock says. */
  public static final int MAX_POLLS = 64;
  private static final double RATE_TOLERANCE = 1.1;

  /** The four addresses the ADDR pin selects. */
  public enum Address {
    GND(0x48), VDD(0x49), SDA(0x4A), SCL(0x4B);

    private final int address;

    Address(int address) {
      this.address = address;
    }

    /** The 7-bit I2C address. */
    public int address() {
      return address;
    }
  }

  /** PGA full-scale ranges (Config bits 11..9). The input must still stay within GND..VDD. */
  public enum Range {
    FS_6_144V(0b000, 6.144), FS_4_096V(0b001, 4.096), FS_2_048V(0b010, 2.048),
    FS_1_024V(0b011, 1.024), FS_0_512V(0b100, 0.512), FS_0_256V(0b101, 0.256);

    private final int bits;
    private final double fullScaleV;

    Range(int bits, double fullScaleV) {
      this.bits = bits;
      this.fullScaleV = fullScaleV;
    }

    public int bits() {
      return bits;
    }

    /** The full-scale voltage FS: codes span -FS..+FS x 32767/32768. */
    public double fullScaleV() {
      return fullScaleV;
    }

    /** One code: FS / 2^15. */
    public double lsbV() {
      return fullScaleV / 32768.0;
    }
  }

  /** Data rates (Config bits 7..5). */
  public enum DataRate {
    SPS_8(0b000, 8), SPS_16(0b001, 16), SPS_32(0b010, 32), SPS_64(0b011, 64), SPS_128(0b100, 128),
    SPS_250(0b101, 250), SPS_475(0b110, 475), SPS_860(0b111, 860);

    private final int bits;
    private final int samplesPerSecond;

    DataRate(int bits, int samplesPerSecond) {
      this.bits = bits;
      this.samplesPerSecond = samplesPerSecond;
    }

    public int bits() {
      return bits;
    }

    public int samplesPerSecond() {
      return samplesPerSecond;
    }

    /** The nominal conversion time, 1 / DR. */
    public Duration conversionTime() {
      return Duration.ofNanos(1_000_000_000L / samplesPerSecond);
    }
  }

  /** Input multiplexer settings (Config bits 14..12): four single-ended inputs and four pairs. */
  public enum Input {
    AIN0_MINUS_AIN1(0b000), AIN0_MINUS_AIN3(0b001), AIN1_MINUS_AIN3(0b010), AIN2_MINUS_AIN3(0b011),
    AIN0(0b100), AIN1(0b101), AIN2(0b110), AIN3(0b111);

    private final int bits;

    Input(int bits) {
      this.bits = bits;
    }

    public int bits() {
      return bits;
    }

    /** Whether the input is measured against GND. */
    public boolean singleEnded() {
      return bits >= 0b100;
    }

    /** Single-ended input {@code n} (0..3). */
    public static Input single(int n) {
      if (n < 0 || n > 3) {
        throw new IllegalArgumentException("ADS1115 has single-ended inputs 0..3, not " + n);
      }
      return values()[4 + n];
    }
  }

  /**
   * The driver's time source for the conversion wait: a monotonic nanosecond counter and a pause.
   * On a board {@link #system()}; in simulation one that only advances a counter.
   */
  public interface Timing {
    long nanoTime();

    void pause(long nanos);

    /** The JVM's monotonic clock and {@link LockSupport#parkNanos(long)}. */
    static Timing system() {
      return new Timing() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void pause(long nanos) {
          LockSupport.parkNanos(nanos);
        }
      };
    }
  }

  /**
   * What the driver needs to know.
   *
   * @param name the device's name in errors and logs, e.g. {@code tracker-1/sun-adc}
   * @param rate the data rate of every conversion
   */
  public record Settings(String name, DataRate rate) {
    public Settings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(rate, "rate");
      if (name.isBlank()) {
        throw new IllegalArgumentException("ADS1115 settings: name must not be blank");
      }
    }
  }

  /** One input of the chip at one range, handed out by {@link #channel(Input, Range)}. */
  public final class Channel {
    private final Input input;
    private final Range range;

    private Channel(Input input, Range range) {
      this.input = input;
      this.range = range;
    }

    public Input input() {
      return input;
    }

    public Range range() {
      return range;
    }

    /** The chip this channel belongs to. */
    public Ads1115 chip() {
      return Ads1115.this;
    }

    /** One single-shot conversion: the raw 16-bit code (0..0xFFFF as read). */
    public int readRaw() {
      return convert(input, range);
    }

    /** One single-shot conversion in volts. */
    public double readVolts() {
      return volts(readRaw(), range);
    }
  }

  private final I2cRegisters registers;
  private final Settings settings;
  private final Timing timing;

  public Ads1115(I2C i2c, Settings settings, Timing timing) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.registers = new I2cRegisters(Objects.requireNonNull(i2c, "i2c"), settings.name());
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  public Ads1115(I2C i2c, Settings settings) {
    this(i2c, settings, Timing.system());
  }

  public Settings settings() {
    return settings;
  }

  /** A channel on {@code input} at {@code range}; cheap, holds no state. */
  public Channel channel(Input input, Range range) {
    return new Channel(Objects.requireNonNull(input, "input"), Objects.requireNonNull(range, "range"));
  }

  /**
   * Writes an idle single-shot configuration (comparator off) and reads it back.
   *
   * @throws DeviceException if the chip does not answer or does not keep the configuration
   */
  public synchronized void start() {
    int config = configWord(Input.AIN0, Range.FS_4_096V, settings.rate(), false);
    writeWord(REG_CONFIG, config, "Config");
    int readBack = readWord(REG_CONFIG, "Config");
    // OS reads 1 when idle; the rest must be what was written.
    if ((readBack & ~CONFIG_OS) != config) {
      throw new DeviceException(settings.name(), String.format(
          "Config register 0x01 did not keep its value: wrote 0x%04X, read 0x%04X (not an ADS1115?)",
          config, readBack));
    }
  }

  /**
   * The longest this driver waits for one conversion: 1.1 &times; 1/DR (oscillator tolerance)
   * plus {@link #DEADLINE_MARGIN}.
   */
  public Duration conversionDeadline() {
    long nanos = (long) (settings.rate().conversionTime().toNanos() * RATE_TOLERANCE);
    return Duration.ofNanos(nanos).plus(DEADLINE_MARGIN);
  }

  /** The Config word for a conversion of {@code input} at {@code range} and {@code rate}. */
  public static int configWord(Input input, Range range, DataRate rate, boolean start) {
    return (start ? CONFIG_OS : 0) | input.bits() << 12 | range.bits() << 9 | CONFIG_MODE_SINGLE_SHOT
        | rate.bits() << 5 | CONFIG_COMP_DISABLED;
  }

  /** A Conversion register word to volts at {@code range}: two's complement, FS / 2^15 per code. */
  public static double volts(int raw, Range range) {
    return (short) raw * range.lsbV();
  }

  private synchronized int convert(Input input, Range range) {
    writeWord(REG_CONFIG, configWord(input, range, settings.rate(), true), "Config (start conversion)");
    long conversion = settings.rate().conversionTime().toNanos();
    long deadline = timing.nanoTime() + conversionDeadline().toNanos();
    long pollInterval = Math.max(conversion / 10, 100_000L);
    timing.pause(conversion);
    for (int poll = 1; ; poll++) {
      if ((readWord(REG_CONFIG, "Config (conversion ready)") & CONFIG_OS) != 0) {
        return readWord(REG_CONVERSION, "Conversion");
      }
      if (timing.nanoTime() - deadline > 0 || poll >= MAX_POLLS) {
        throw new DeviceException(settings.name(), String.format(
            "conversion of %s not ready within %d us (%d polls of Config OS bit 15)", input,
            conversionDeadline().toNanos() / 1000, poll));
      }
      timing.pause(pollInterval);
    }
  }

  private int readWord(int register, String what) {
    return registers.readWord(register, what);
  }

  private void writeWord(int register, int value, String what) {
    registers.writeWord(register, value, what);
  }
}
