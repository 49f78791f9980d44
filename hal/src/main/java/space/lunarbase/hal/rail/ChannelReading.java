package space.lunarbase.hal.rail;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import space.lunarbase.hal.Quality;

/**
 * One value per channel (rail temperatures in degC, coil currents in A), read together.
 *
 * @param time when they were read
 * @param values per channel; NaN for a channel with no value (open thermistor, failed read)
 * @param quality FAILED when the device did not answer; OUT_OF_RANGE when a channel is open or
 *     implausible (the others are still valid)
 * @param fault why not GOOD; empty when GOOD
 */
public record ChannelReading(Instant time, List<Double> values, Quality quality, String fault) {

  public ChannelReading {
    Objects.requireNonNull(time, "time");
    values = Collections.unmodifiableList(List.copyOf(values));
    Readings.check(quality, fault);
  }

  public static ChannelReading failed(Instant time, String fault) {
    return new ChannelReading(time, List.of(), Quality.FAILED, fault);
  }

  /** The value of {@code channel}, NaN if there is none. */
  public double value(int channel) {
    return channel >= 0 && channel < values.size() ? values.get(channel) : Double.NaN;
  }
}
