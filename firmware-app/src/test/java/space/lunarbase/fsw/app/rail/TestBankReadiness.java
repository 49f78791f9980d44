package space.lunarbase.fsw.app.rail;

import java.util.List;
import space.lunarbase.fsw.app.bank.ShotReadiness;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.bank.CellReading;
import space.lunarbase.hal.board.Board;

/**
 * TEST ONLY: a small but real {@link ShotReadiness} over the simulated board's cell readings, for
 * the rail's component tests (which run the sequencer without the bank manager; the firmware-level
 * {@code RailShotTest} uses the real one). Ready when every cell reads GOOD;
 * available energy = the sum of &frac12; C V&sup2; over the GOOD cell readings at nominal C
 * ({@link CellBank#storedEnergyJ}). The rail's component tester builds it by hand.
 */
public final class TestBankReadiness implements ShotReadiness {

  private final CellBank bank;

  public TestBankReadiness(Board board) {
    this.bank = board.cellBank().orElseThrow(() -> new IllegalStateException("TestBankReadiness needs a cell bank"));
  }

  @Override
  public Status status() {
    List<CellReading> cells = bank.readCells();
    double energy = bank.storedEnergyJ(cells);
    for (CellReading cell : cells) {
      if (!cell.isGood()) {
        return Status.notReady("cell " + cell.cell() + " " + cell.quality() + ": " + cell.fault(), energy);
      }
    }
    return Status.ready(energy);
  }
}
