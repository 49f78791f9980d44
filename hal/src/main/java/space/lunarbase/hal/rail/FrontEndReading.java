package space.lunarbase.hal.rail;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.railfe.FrontEndStatus;

/**
 * The front-end's state and counter, read together.
 *
 * @param time when read, from the injected clock
 * @param status the STATUS register (raw 0 when FAILED)
 * @param counterNs the front-end's ns counter (-1 when FAILED)
 */
public record FrontEndReading(Instant time, FrontEndStatus status, long counterNs, Quality quality, String fault) {

  public FrontEndReading {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(status, "status");
    Readings.check(quality, fault);
  }

  public static FrontEndReading failed(Instant time, String fault) {
    return new FrontEndReading(time, new FrontEndStatus(0), -1, Quality.FAILED, fault);
  }
}
