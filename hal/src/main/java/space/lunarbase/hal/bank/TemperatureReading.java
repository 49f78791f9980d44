package space.lunarbase.hal.bank;

import java.time.Instant;
import space.lunarbase.hal.Quality;

/**
 * One temperature sensor's reading.
 *
 * @param sensor the sensor's id (its 1-Wire folder name, {@code 28-...})
 * @param cell the cell it is mounted on
 * @param time when it was sampled
 * @param celsius the temperature; NaN when FAILED
 * @param quality how far it can be trusted (OUT_OF_RANGE: outside -55..125 °C or the 85 °C
 *     power-on value)
 * @param fault why it is not GOOD; empty when GOOD
 */
public record TemperatureReading(String sensor, int cell, Instant time, double celsius, Quality quality,
    String fault) {

  public TemperatureReading {
    Readings.check(time, quality, fault);
  }

  public boolean isGood() {
    return quality == Quality.GOOD;
  }
}
