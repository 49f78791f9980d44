package space.lunarbase.fsw.app.bank;

import java.util.List;
import space.lunarbase.hal.bank.CellReading;

/**
 * Passive balancing: which cells bleed. A cell starts bleeding when it is more than half the band
 * above the lowest cell and stops when it is within a quarter of the band of it (the hysteresis
 * keeps the switches from chattering). Aiming at half the band leaves the charger room to bring
 * the lowest cell within the band of the target while the highest sits at it. Without a GOOD
 * reading of every cell nothing bleeds: the lowest cell is not known.
 */
final class Balancer {

  private Balancer() {}

  /**
   * @param cells this cycle's cell readings
   * @param bleeding which cells bleed now (index = cell)
   * @param bandV the balance band, V
   * @return which cells should bleed
   */
  static boolean[] decide(List<CellReading> cells, boolean[] bleeding, double bandV) {
    boolean[] next = new boolean[cells.size()];
    double lowest = Double.POSITIVE_INFINITY;
    for (CellReading c : cells) {
      if (!c.isGood()) {
        return next;
      }
      lowest = Math.min(lowest, c.volts());
    }
    for (int i = 0; i < next.length; i++) {
      double above = cells.get(i).volts() - lowest;
      next[i] = bleeding[i] ? above > bandV / 4 : above > bandV / 2;
    }
    return next;
  }
}
