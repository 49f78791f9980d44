package space.lunarbase.fsw.core.channel;

import java.util.Objects;
import space.lunarbase.hal.Quality;

/**
 * One sampled value of a channel with its quality. Only GOOD, finite values are checked against
 * limits; others raise a bad-quality event, except a channel that does not apply now (a tracker's
 * pointing error while it is not tracking): no value, no limit check, and nothing wrong either.
 *
 * @param value the value; NaN when there is none
 * @param quality how far it can be trusted
 * @param fault why it is not GOOD; empty when GOOD
 * @param applies false when the quantity has no meaning in the subsystem's present state
 */
public record Sample(double value, Quality quality, String fault, boolean applies) {

  public Sample {
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(fault, "fault");
  }

  /** A sample of a channel that applies now. */
  public Sample(double value, Quality quality, String fault) {
    this(value, quality, fault, true);
  }

  /** The channel has no meaning now, for {@code why} (shown as STALE, with no value, in telemetry). */
  public static Sample notApplicable(String why) {
    return new Sample(Double.NaN, Quality.STALE, why, false);
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
