package space.lunarbase.fsw.core.rate;

import java.time.Duration;

/**
 * One configured rate group: its name and rate.
 *
 * @param name e.g. {@code fast}; {@code [a-z0-9-]}, 1 to 32 characters
 * @param rateHz cycles per second of the injected clock, 0.01 to 10000
 */
public record RateGroupSpec(String name, double rateHz) {

  public RateGroupSpec {
    if (name == null || !name.matches("[a-z0-9-]{1,32}")) {
      throw new IllegalArgumentException("a rate group name is 1 to 32 of a-z, 0-9 and '-', was " + name);
    }
    if (!(rateHz >= 0.01 && rateHz <= 10_000)) {
      throw new IllegalArgumentException("a rate group runs at 0.01 Hz to 10000 Hz, was " + rateHz);
    }
  }

  /** The period in nanoseconds of the injected clock (rounded to the nanosecond). */
  public long periodNanos() {
    return Math.round(1e9 / rateHz);
  }

  public Duration period() {
    return Duration.ofNanos(periodNanos());
  }
}
