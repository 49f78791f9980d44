package space.lunarbase.hal.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import space.lunarbase.hal.tracker.Axis;
import space.lunarbase.hal.tracker.AxisMechanics;

/**
 * Tracker mechanics. Each STEP rising edge on an enabled, unfaulted driver turns the motor by one
 * microstep (axis degrees = 360 / (full steps &times; microsteps &times; gear)) in the direction
 * DIR gives. The load (what the encoder sees) follows the motor through a backlash dead band:
 * after a reversal the motor turns {@code backlashDeg} before the load moves. Elevation has hard
 * stops {@code overtravelDeg} beyond its limit-switch positions; a step against a hard stop is
 * lost (the motor stalls). Azimuth turns without end and counts cable wraps. Thread-safe.
 *
 * <p>Faults: {@link #injectDriverFault} (the driver pulls nFAULT low and ignores STEP).
 */
public final class TrackerPlant {

  /**
   * @param azimuth the azimuth drive train
   * @param elevation the elevation drive train
   * @param backlashDeg the dead band on reversal, both axes, >= 0
   * @param elevationLowerLimitDeg the lower limit switch closes at or below this elevation
   * @param elevationUpperLimitDeg the upper limit switch closes at or above this elevation
   * @param overtravelDeg how far past a limit switch the hard stop is, > 0
   * @param startAzimuthDeg initial azimuth
   * @param startElevationDeg initial elevation, between the limits
   */
  public record Spec(AxisMechanics azimuth, AxisMechanics elevation, double backlashDeg, double elevationLowerLimitDeg,
      double elevationUpperLimitDeg, double overtravelDeg, double startAzimuthDeg, double startElevationDeg) {
    public Spec {
      Objects.requireNonNull(azimuth, "azimuth");
      Objects.requireNonNull(elevation, "elevation");
      if (!(backlashDeg >= 0) || !(overtravelDeg > 0)) {
        throw new IllegalArgumentException("TrackerPlant.Spec: backlashDeg >= 0 and overtravelDeg > 0, were "
            + backlashDeg + ", " + overtravelDeg);
      }
      if (!(elevationLowerLimitDeg < elevationUpperLimitDeg)) {
        throw new IllegalArgumentException("TrackerPlant.Spec: elevationLowerLimitDeg " + elevationLowerLimitDeg
            + " must be below elevationUpperLimitDeg " + elevationUpperLimitDeg);
      }
      if (!(startElevationDeg > elevationLowerLimitDeg && startElevationDeg < elevationUpperLimitDeg)) {
        throw new IllegalArgumentException("TrackerPlant.Spec: startElevationDeg " + startElevationDeg
            + " must be strictly between the limits");
      }
    }

    /** Demo mechanics on both axes, 0.5 deg backlash, limits at -5 and 85 deg with 2 deg overtravel, start az 90 el 5. */
    public static Spec demo() {
      return new Spec(AxisMechanics.demo(), AxisMechanics.demo(), 0.5, -5, 85, 2, 90, 5);
    }
  }

  private final Spec spec;
  private final Map<Axis, AxisState> axes = new EnumMap<>(Axis.class);

  public TrackerPlant(Spec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    axes.put(Axis.AZIMUTH, new AxisState(spec.azimuth(), spec.startAzimuthDeg(), spec.backlashDeg()));
    axes.put(Axis.ELEVATION, new AxisState(spec.elevation(), spec.startElevationDeg(), spec.backlashDeg()));
  }

  public Spec spec() {
    return spec;
  }

  /** A STEP rising edge on {@code axis}'s driver with DIR {@code positive}. */
  public synchronized void stepPulse(Axis axis, boolean positive) {
    AxisState a = axes.get(axis);
    if (!a.enabled || a.driverFault) {
      return;
    }
    double motor = a.motorDeg + (positive ? a.degPerStep : -a.degPerStep);
    double load = a.follow(motor);
    if (axis == Axis.ELEVATION) {
      double low = spec.elevationLowerLimitDeg() - spec.overtravelDeg();
      double high = spec.elevationUpperLimitDeg() + spec.overtravelDeg();
      if (load < low || load > high) {
        return; // against the hard stop: the motor stalls, the step is lost
      }
    }
    a.motorDeg = motor;
    a.loadDeg = load;
    a.steps += positive ? 1 : -1;
  }

  /** The driver's nENBL line: true = enabled (nENBL low). */
  public synchronized void setEnabled(Axis axis, boolean enabled) {
    axes.get(axis).enabled = enabled;
  }

  public synchronized boolean enabled(Axis axis) {
    return axes.get(axis).enabled;
  }

  /** Makes {@code axis}'s driver report a fault (nFAULT low) and ignore STEP, or clears it. */
  public synchronized void injectDriverFault(Axis axis, boolean on) {
    axes.get(axis).driverFault = on;
  }

  public synchronized boolean driverFault(Axis axis) {
    return axes.get(axis).driverFault;
  }

  /** The load angle: azimuth 0..360, elevation as is. */
  public synchronized double angle(Axis axis) {
    double load = axes.get(axis).loadDeg;
    return axis == Axis.AZIMUTH ? load - 360 * Math.floor(load / 360) : load;
  }

  /** Azimuth turned since the start, unwrapped. */
  public synchronized double azimuthUnwrappedDeg() {
    return axes.get(Axis.AZIMUTH).loadDeg;
  }

  /** Whole azimuth turns of cable wrap since the start, signed. */
  public synchronized int cableWraps() {
    return (int) Math.floor((axes.get(Axis.AZIMUTH).loadDeg - spec.startAzimuthDeg()) / 360 + 1e-12);
  }

  /** Net steps the motor of {@code axis} has taken. */
  public synchronized long steps(Axis axis) {
    return axes.get(axis).steps;
  }

  public synchronized boolean elevationLowerLimitClosed() {
    return axes.get(Axis.ELEVATION).loadDeg <= spec.elevationLowerLimitDeg();
  }

  public synchronized boolean elevationUpperLimitClosed() {
    return axes.get(Axis.ELEVATION).loadDeg >= spec.elevationUpperLimitDeg();
  }

  /** Where the tracker points now. */
  public synchronized SkyDirection pointing() {
    return new SkyDirection(angle(Axis.AZIMUTH), angle(Axis.ELEVATION));
  }

  /** One axis: motor and load angles with backlash between them. Starts engaged for positive moves. */
  private static final class AxisState {
    final double degPerStep;
    final double halfBacklash;
    double motorDeg;
    double loadDeg;
    long steps;
    boolean enabled;
    boolean driverFault;

    AxisState(AxisMechanics mechanics, double startDeg, double backlashDeg) {
      this.degPerStep = mechanics.degreesPerStep();
      this.halfBacklash = backlashDeg / 2;
      this.loadDeg = startDeg;
      this.motorDeg = startDeg + halfBacklash;
    }

    /** The load angle for motor angle {@code motor}: it moves only when the gap is taken up. */
    double follow(double motor) {
      if (motor - loadDeg > halfBacklash) {
        return motor - halfBacklash;
      }
      if (loadDeg - motor > halfBacklash) {
        return motor + halfBacklash;
      }
      return loadDeg;
    }
  }
}
