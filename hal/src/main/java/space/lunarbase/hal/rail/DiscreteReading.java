package space.lunarbase.hal.rail;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.hal.Quality;

/**
 * One discrete (on/off) signal: an interlock input or an output's level.
 *
 * @param time when it was read
 * @param active the signal is asserted (false when FAILED)
 * @param quality GOOD or FAILED
 * @param fault why not GOOD; empty when GOOD
 */
public record DiscreteReading(Instant time, boolean active, Quality quality, String fault) {

  public DiscreteReading {
    Objects.requireNonNull(time, "time");
    Readings.check(quality, fault);
  }

  public static DiscreteReading failed(Instant time, String fault) {
    return new DiscreteReading(time, false, Quality.FAILED, fault);
  }

  /** Asserted and trustworthy: the only state an interlock may accept. */
  public boolean isActiveAndGood() {
    return active && quality == Quality.GOOD;
  }
}
