package space.lunarbase.hal.tracker;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.hal.Quality;

/**
 * One encoder sample of an axis.
 *
 * @param time when it was taken (injected clock)
 * @param degrees azimuth 0..360, elevation -180..180; NaN when {@code quality} is FAILED
 * @param quality how far it can be trusted
 * @param fault why it is not GOOD; empty when it is
 */
public record AngleReading(Instant time, double degrees, Quality quality, String fault) {

  public AngleReading {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(fault, "fault");
  }

  public static AngleReading failed(Instant time, String fault) {
    return new AngleReading(time, Double.NaN, Quality.FAILED, fault);
  }

  public boolean good() {
    return quality == Quality.GOOD;
  }
}
