package space.lunarbase.hal.tracker;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.hal.Quality;

/**
 * The elevation limit switches at one moment. A switch that cannot be read, or still bounces
 * after debouncing, is reported closed (fail-safe) with quality FAILED.
 *
 * @param time when they were read
 * @param elevationLowerClosed the lower end-stop switch is closed (or assumed so)
 * @param elevationUpperClosed the upper end-stop switch is closed (or assumed so)
 * @param quality GOOD when both switches read cleanly
 * @param fault why not; empty when GOOD
 */
public record LimitReading(Instant time, boolean elevationLowerClosed, boolean elevationUpperClosed,
    Quality quality, String fault) {

  public LimitReading {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(fault, "fault");
  }
}
