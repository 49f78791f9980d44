package space.lunarbase.fsw.app.bank;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.bank.TemperatureReading;

/**
 * The one reader of the bank's 1-Wire thermometers (a slow bus: on a board each DS18B20 read
 * starts a conversion of up to 750 ms), on its own rate-group task every
 * {@code lunarbase.bank.management.temperature-period}; bank management and the bank's limit
 * channels take the latest readings from here. A reading older than {@value #STALE_PERIODS}
 * periods comes back STALE.
 */
public final class BankThermometers {

  static final int STALE_PERIODS = 3;

  private final CellBank bank;
  private final Duration staleAfter;
  private volatile List<TemperatureReading> latest = List.of();

  public BankThermometers(CellBank bank, Duration period) {
    this.bank = bank;
    this.staleAfter = period.multipliedBy(STALE_PERIODS);
  }

  /** Reads every thermometer now (the rate-group task's body). Never throws for a hardware fault. */
  public void refresh() {
    latest = List.copyOf(bank.readTemperatures());
  }

  /** The latest readings, those older than the stale age at {@code now} marked STALE. */
  public List<TemperatureReading> latest(Instant now) {
    List<TemperatureReading> readings = latest;
    List<TemperatureReading> out = new ArrayList<>(readings.size());
    for (TemperatureReading r : readings) {
      if (r.isGood() && r.time().plus(staleAfter).isBefore(now)) {
        out.add(new TemperatureReading(r.sensor(), r.cell(), r.time(), r.celsius(), Quality.STALE,
            "last read at " + r.time() + ", more than " + staleAfter.toMillis() + " ms ago"));
      } else {
        out.add(r);
      }
    }
    return out;
  }
}
