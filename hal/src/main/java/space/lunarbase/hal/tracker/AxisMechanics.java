package space.lunarbase.hal.tracker;

/**
 * The drive train of one axis.
 *
 * @param fullStepsPerRev motor full steps per revolution (200 for a 1.8-degree motor)
 * @param microsteps driver microsteps per full step (1..256, a power of two)
 * @param gearRatio motor turns per axis turn, &gt;= 1
 */
public record AxisMechanics(int fullStepsPerRev, int microsteps, double gearRatio) {

  public AxisMechanics {
    if (fullStepsPerRev < 1) {
      throw new IllegalArgumentException("AxisMechanics.fullStepsPerRev must be >= 1, was " + fullStepsPerRev);
    }
    if (microsteps < 1 || microsteps > 256 || Integer.bitCount(microsteps) != 1) {
      throw new IllegalArgumentException("AxisMechanics.microsteps must be a power of two 1..256, was " + microsteps);
    }
    if (!(gearRatio >= 1) || !Double.isFinite(gearRatio)) {
      throw new IllegalArgumentException("AxisMechanics.gearRatio must be finite and >= 1, was " + gearRatio);
    }
  }

  /** Steps per axis turn: fullStepsPerRev &times; microsteps &times; gearRatio. */
  public double stepsPerTurn() {
    return fullStepsPerRev * (double) microsteps * gearRatio;
  }

  /** Axis degrees per (micro)step: 360 / stepsPerTurn. */
  public double degreesPerStep() {
    return 360.0 / stepsPerTurn();
  }

  /** A 1.8-degree motor, 16 microsteps, 100:1 gear: 320000 steps per turn. */
  public static AxisMechanics demo() {
    return new AxisMechanics(200, 16, 100);
  }
}
