package space.lunarbase.hal.tracker;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.hal.Quality;

/**
 * One sample of the quad-photodiode sun sensor, seen from behind the sensor looking at the sky.
 *
 * @param time when it was taken
 * @param upperLeftV photodiode voltage, upper-left quadrant (ADS1115 AIN0)
 * @param upperRightV upper-right quadrant (AIN1)
 * @param lowerLeftV lower-left quadrant (AIN2)
 * @param lowerRightV lower-right quadrant (AIN3)
 * @param azimuthOffset (right &minus; left) / total, -1..1: positive when the Sun is at a larger
 *     azimuth than the pointing (step azimuth positive to centre it); NaN when not {@code valid}
 * @param elevationOffset (upper &minus; lower) / total, -1..1: positive when the Sun is higher than
 *     the pointing; NaN when not {@code valid}
 * @param valid whether the total light is above the threshold, so the offsets mean something
 * @param quality FAILED when the ADC did not answer (voltages NaN), OUT_OF_RANGE when a channel
 *     is negative or saturated
 * @param fault why it is not GOOD; empty when it is
 */
public record SunSensorReading(Instant time, double upperLeftV, double upperRightV, double lowerLeftV,
    double lowerRightV, double azimuthOffset, double elevationOffset, boolean valid, Quality quality,
    String fault) {

  public SunSensorReading {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(fault, "fault");
  }

  public static SunSensorReading failed(Instant time, String fault) {
    double nan = Double.NaN;
    return new SunSensorReading(time, nan, nan, nan, nan, nan, nan, false, Quality.FAILED, fault);
  }

  /** The sum of the four photodiode voltages. */
  public double totalV() {
    return upperLeftV + upperRightV + lowerLeftV + lowerRightV;
  }
}
