package space.lunarbase.fsw.app.bank;

import java.util.List;
import space.lunarbase.hal.bank.CellReading;

/**
 * The bank's energy from one set of cell readings, at the cells' nominal capacitance C:
 * <ul>
 *   <li>per cell E_i = C V_i^2 / 2, total the sum (GOOD cells only: a cell that cannot be read
 *       counts 0);
 *   <li>state of charge = total / (n C V_rated^2 / 2): 1 with every cell at its rated voltage;
 *   <li>available energy = the sum of C (V_i^2 - V_min^2) / 2 over cells above V_min, the minimum
 *       useful cell voltage (parameter {@code bank.min-useful-cell-v}): what a shot can draw before
 *       the coils' current falls too low to be of use.
 * </ul>
 *
 * @param cellJ energy per cell, index = cell
 * @param totalJ the sum
 * @param stateOfCharge 0..1 (above 1 only if cells are above their rating)
 * @param availableJ energy above the minimum useful voltage
 */
public record BankEnergy(List<Double> cellJ, double totalJ, double stateOfCharge, double availableJ) {

  public BankEnergy {
    cellJ = List.copyOf(cellJ);
  }

  /** No cells read yet. */
  static final BankEnergy NONE = new BankEnergy(List.of(), 0, 0, 0);

  static BankEnergy of(List<CellReading> cells, BankRatings ratings, double minUsefulV) {
    Double[] perCell = new Double[cells.size()];
    double total = 0;
    double available = 0;
    double floor = ratings.cellEnergyJ(Math.max(0, minUsefulV));
    for (int i = 0; i < perCell.length; i++) {
      CellReading c = cells.get(i);
      double e = c.isGood() ? ratings.cellEnergyJ(c.volts()) : 0;
      perCell[i] = e;
      total += e;
      if (c.isGood() && c.volts() > minUsefulV) {
        available += e - floor;
      }
    }
    return new BankEnergy(List.of(perCell), total, total / ratings.ratedEnergyJ(), available);
  }
}
