package space.lunarbase.fsw.app.bank;

import java.util.Locale;
import java.util.Optional;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.board.BoardDescriptions;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.board.BankBoardWiring;
import space.lunarbase.hal.board.Board;

/**
 * What the bank's hardware is rated for, from its board description: the figures bank management,
 * its channels and its parameters derive their limits from.
 *
 * @param cells cells in series
 * @param thermometers temperature sensors
 * @param cellRatedV rated voltage of a cell
 * @param cellCapacitanceF nominal capacitance of a cell (energy estimates)
 * @param chargerMaxA the charger's current at 100 % duty
 * @param monitorMaxA the largest current the pack monitor measures (its INA226 calibration)
 * @param monitorKey the configuration key that sets {@code monitorMaxA}, for start-up errors
 */
public record BankRatings(int cells, int thermometers, double cellRatedV, double cellCapacitanceF, double chargerMaxA,
                          double monitorMaxA, String monitorKey) {

  /** The ratings of the board's cell bank, if it has one. */
  public static Optional<BankRatings> of(Board board, BankSettings settings, String boardName) {
    Optional<CellBank> bank = board.cellBank();
    if (bank.isEmpty()) {
      return Optional.empty();
    }
    BankBoardWiring wiring = BoardDescriptions.resolve(boardName, settings::wiring).bank().orElseThrow(
        () -> new IllegalStateException("the board has a cell bank its description does not describe"));
    boolean demo = BoardDescriptions.DEMO.equals(boardName.trim().toLowerCase(Locale.ROOT));
    return Optional.of(new BankRatings(bank.get().cellCount(), wiring.thermometers().size(), wiring.cellRatedV(),
        wiring.cellCapacitanceF(), wiring.chargerMaxCurrentA(), wiring.pack().maxCurrentA(),
        demo ? "lunarbase.bank.max-current-a" : "hal.board"));
  }

  /**
   * Checks that the pack monitor measures a current limit of {@code limitA}: a limit beyond its
   * range could never be seen (beyond it the monitor's readings are OUT_OF_RANGE, never checked).
   *
   * @throws InvalidConfigException naming {@link #monitorKey}
   */
  public void requireMeasurable(String what, double limitA) {
    if (limitA > monitorMaxA) {
      String need = "the pack monitor must measure the %s of %.1f A; calibrate it (max-current-a, with a shunt small"
          .formatted(what, limitA) + " enough) for at least that";
      if (monitorKey.equals("hal.board")) {
        throw new InvalidConfigException(monitorKey, "bank.pack.max-current-a=" + monitorMaxA + ": " + need);
      }
      throw new InvalidConfigException(monitorKey, monitorMaxA, need);
    }
  }

  /** Energy of one cell at {@code volts}: C V^2 / 2 at the nominal capacitance. */
  public double cellEnergyJ(double volts) {
    return 0.5 * cellCapacitanceF * volts * volts;
  }

  /** Energy of the whole bank with every cell at its rated voltage. */
  public double ratedEnergyJ() {
    return cells * cellEnergyJ(cellRatedV);
  }
}
