package space.lunarbase.fsw.core.channel;

import java.util.Objects;
import space.lunarbase.hal.Quality;

/**
 * One sampled value of a channel with its quality. Only GOOD, finite values are checked against
 * limits; others raise a bad-quality event.
 *
 * @param value the value; NaN when there is none
 * @param quality how far it can be trusted
 * @param fault why it is not GOOD; empty when GOOD
 */
public record Sample(double value, Quality quality, String fault) {

  public Sample {
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(fault, "fault");
  }

  public static Sample good(double value) {
    return new Sample(value, Quality.GOOD, "");
  }

  public static Sample bad(Quality quality, String fault) {
    return new Sample(Double.NaN, quality, fault);
  }

  /** Whether limits apply to it: GOOD and finite. */
  public boolean usable() {
    return quality == Quality.GOOD && Double.isFinite(value);
  }
}
