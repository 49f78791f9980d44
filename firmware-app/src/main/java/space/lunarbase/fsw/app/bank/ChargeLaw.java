package space.lunarbase.fsw.app.bank;

/**
 * The charge current for a per-cell target, CC then CV-like: the commanded current until the
 * highest cell is within the taper window of the target, then falling in proportion to what is
 * left, but never below the charger's resolution while the highest cell is under the target (a
 * setpoint below it would round to nothing and stall the top-up short of the target), and zero at
 * the target. Steering on the highest cell's terminal voltage (which includes its ESR drop under
 * current) keeps every cell at or below the target; a cell cannot overshoot by more than one
 * control cycle's rise at the tapered current.
 */
final class ChargeLaw {

  private ChargeLaw() {}

  /**
   * @param limitA the commanded current (the CC phase), A
   * @param targetV the per-cell target, V
   * @param highestV the highest cell's voltage now, V
   * @param taperWindowV how far below the target the current starts to fall, V (positive)
   * @param resolutionA the smallest current step the charger makes, A
   * @return the charger setpoint, 0..limitA
   */
  static double currentA(double limitA, double targetV, double highestV, double taperWindowV, double resolutionA) {
    double left = targetV - highestV;
    if (!(left > 0)) {
      return 0;
    }
    double tapered = left >= taperWindowV ? limitA : limitA * left / taperWindowV;
    return Math.min(limitA, Math.max(tapered, resolutionA));
  }
}
