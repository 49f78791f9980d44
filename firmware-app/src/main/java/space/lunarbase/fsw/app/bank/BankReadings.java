package space.lunarbase.fsw.app.bank;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import space.lunarbase.hal.bank.CellReading;
import space.lunarbase.hal.bank.ContactorReading;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.hal.bank.TemperatureReading;

/**
 * Everything bank management read in one cycle. Cell statistics ({@link #highestCell()},
 * {@link #lowestCell()}) are over GOOD cells only; {@link #cellsGood()} says whether that is all.
 *
 * @param time the cycle's time
 * @param pack the pack monitor's reading
 * @param cells every cell, index = cell
 * @param temperatures the latest thermometer readings (STALE when old)
 * @param main the main contactor
 * @param discharge the discharge contactor
 */
public record BankReadings(Instant time, PackReading pack, List<CellReading> cells,
                           List<TemperatureReading> temperatures, ContactorReading main,
                           ContactorReading discharge) {

  public BankReadings {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(pack, "pack");
    cells = List.copyOf(cells);
    temperatures = List.copyOf(temperatures);
    Objects.requireNonNull(main, "main");
    Objects.requireNonNull(discharge, "discharge");
  }

  /** Whether there are cells and every one of them is GOOD. */
  public boolean cellsGood() {
    return !cells.isEmpty() && cells.stream().allMatch(CellReading::isGood);
  }

  /** The first cell that is not GOOD, if any. */
  public Optional<CellReading> firstBadCell() {
    return cells.stream().filter(c -> !c.isGood()).findFirst();
  }

  /** The GOOD cell with the highest voltage. */
  public Optional<CellReading> highestCell() {
    CellReading best = null;
    for (CellReading c : cells) {
      if (c.isGood() && (best == null || c.volts() > best.volts())) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The GOOD cell with the lowest voltage. */
  public Optional<CellReading> lowestCell() {
    CellReading best = null;
    for (CellReading c : cells) {
      if (c.isGood() && (best == null || c.volts() < best.volts())) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Highest minus lowest GOOD cell voltage; NaN without GOOD cells. */
  public double spreadV() {
    return highestCell().map(h -> h.volts() - lowestCell().orElseThrow().volts()).orElse(Double.NaN);
  }
}
