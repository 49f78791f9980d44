package space.lunarbase.hal.bank;

import java.time.Instant;
import space.lunarbase.hal.Quality;

/**
 * One cell's terminal voltage (including the ESR drop under current).
 *
 * @param cell cell index, 0 at the bottom of the string
 * @param time when it was sampled
 * @param volts the voltage; NaN when FAILED
 * @param quality how far it can be trusted
 * @param fault why it is not GOOD; empty when GOOD
 */
public record CellReading(int cell, Instant time, double volts, Quality quality, String fault) {

  public CellReading {
    Readings.check(time, quality, fault);
  }

  public static CellReading failed(int cell, Instant time, String fault) {
    return new CellReading(cell, time, Double.NaN, Quality.FAILED, fault);
  }

  public boolean isGood() {
    return quality == Quality.GOOD;
  }
}
