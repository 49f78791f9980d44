package space.lunarbase.hal.bank;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.hal.Quality;

/**
 * One sample of a bank's pack, with its quality.
 *
 * @param time when the sample was taken, from the injected clock
 * @param voltageV pack (bus) voltage
 * @param currentA current into the pack, positive when charging
 * @param powerW power as the monitor computes it (magnitude)
 * @param shuntVoltageV voltage across the shunt, signed
 * @param quality how far the values can be trusted
 * @param fault why the quality is not GOOD; empty when GOOD
 */
public record PackReading(Instant time, double voltageV, double currentA, double powerW, double shuntVoltageV,
    Quality quality, String fault) {

  public PackReading {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(fault, "fault");
    if (quality == Quality.GOOD && !fault.isEmpty()) {
      throw new IllegalArgumentException("a GOOD reading has no fault text, was: " + fault);
    }
    if (quality != Quality.GOOD && fault.isBlank()) {
      throw new IllegalArgumentException("a " + quality + " reading needs a fault text");
    }
  }

  /** A reading with no values (NaN), quality FAILED, and the reason. */
  public static PackReading failed(Instant time, String fault) {
    return new PackReading(time, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Quality.FAILED, fault);
  }

  public boolean isGood() {
    return quality == Quality.GOOD;
  }
}
