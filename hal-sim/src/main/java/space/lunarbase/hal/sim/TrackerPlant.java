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
 * lost (the motor stalls). Azimuth turns without end as far as its cable allows: the cable hangs
 * relaxed at {@code cableNeutralAzimuthDeg} and is fully wound {@code cableWrapStopDeg} either way
 * from it, where a hard stop stalls the motor as elevation's does (each lost step is counted,
 * {@link #wrapStopHits()}: a controller's wrap bookkeeping should never let it come to that).
 * Thread-safe.
 *
 * <p>Faults: {@link #injectDriverFault} (the driver pulls nFAULT low and ignores STEP). Mounting:
 * {@link #setEncoderMisalignment} (an encoder whose zero is off the true axis zero, as a real
 * installation's is by a fraction of a degree: what a sun sensor exists to correct).
 */
public final class TrackerPlant {

  /**
   * @param azimuth the azimuth drive train
   * @param elevation the elevation drive train
   * @param backlashDeg the dead band on reversal, both axes, >= 0
   * @param elevationLowerLimitDeg the lower limit switch closes at or below this elevation
   * @param elevationUpperLimitDeg the upper limit switch closes at or above this elevation
   * @param overtravelDeg how far past a limit switch the hard stop is, > 0
   * @param startAzimuthDeg initial azimuth, unwrapped: its distance from {@code cableNeutralAzimuthDeg}
   *     is the cable wrap at start
   * @param startElevationDeg initial elevation, between the limits
   * @param cableNeutralAzimuthDeg the (unwrapped) azimuth at which the cable hangs relaxed
   * @param cableWrapStopDeg how far either way from the neutral the cable's hard stop is, &gt; 0
   */
  public record Spec(AxisMechanics azimuth, AxisMechanics elevation, double backlashDeg, double elevationLowerLimitDeg,
      double elevationUpperLimitDeg, double overtravelDeg, double startAzimuthDeg, double startElevationDeg,
      double cableNeutralAzimuthDeg, double cableWrapStopDeg) {

    /** The cable's hard stop when none is given: 600 degrees (1 2/3 turns) either way. */
    public static final double DEFAULT_WRAP_STOP_DEG = 600;

    /** A spec whose cable is relaxed at the start azimuth, with the default wrap stop. */
    public Spec(AxisMechanics azimuth, AxisMechanics elevation, double backlashDeg, double elevationLowerLimitDeg,
        double elevationUpperLimitDeg, double overtravelDeg, double startAzimuthDeg, double startElevationDeg) {
      this(azimuth, elevation, backlashDeg, elevationLowerLimitDeg, elevationUpperLimitDeg, overtravelDeg,
          startAzimuthDeg, startElevationDeg, startAzimuthDeg, DEFAULT_WRAP_STOP_DEG);
    }

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
      if (!(cableWrapStopDeg > 0) || !Double.isFinite(cableWrapStopDeg) || !Double.isFinite(cableNeutralAzimuthDeg)
          || !Double.isFinite(startAzimuthDeg)) {
        throw new IllegalArgumentException("TrackerPlant.Spec: cableWrapStopDeg > 0 and finite azimuths, were "
            + cableWrapStopDeg + ", neutral " + cableNeutralAzimuthDeg + ", start " + startAzimuthDeg);
      }
      if (Math.abs(startAzimuthDeg - cableNeutralAzimuthDeg) > cableWrapStopDeg) {
        throw new IllegalArgumentException("TrackerPlant.Spec: startAzimuthDeg " + startAzimuthDeg + " is "
            + (startAzimuthDeg - cableNeutralAzimuthDeg) + " deg of cable wrap from the neutral "
            + cableNeutralAzimuthDeg + ", beyond the stop at +/-" + cableWrapStopDeg);
      }
    }

    /**
     * Demo mechanics on both axes, 0.5 deg backlash, limits at -5 and 85 deg with 2 deg overtravel,
     * start az 90 el 5, the cable relaxed at az 90 with its stops 600 deg either way.
     */
    public static Spec demo() {
      return new Spec(AxisMechanics.demo(), AxisMechanics.demo(), 0.5, -5, 85, 2, 90, 5, 90, DEFAULT_WRAP_STOP_DEG);
    }

    /** This spec starting with {@code wrapDeg} of cable wrap: start azimuth = neutral + wrapDeg. */
    public Spec withStartWrap(double wrapDeg) {
      return new Spec(azimuth, elevation, backlashDeg, elevationLowerLimitDeg, elevationUpperLimitDeg, overtravelDeg,
          cableNeutralAzimuthDeg + wrapDeg, startElevationDeg, cableNeutralAzimuthDeg, cableWrapStopDeg);
    }
  }

  private final Spec spec;
  private final Map<Axis, AxisState> axes = new EnumMap<>(Axis.class);
  private final Map<Axis, Double> encoderMisalignment = new EnumMap<>(Map.of(Axis.AZIMUTH, 0.0, Axis.ELEVATION, 0.0));
  private long wrapStopHits;

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
    } else if (Math.abs(load - spec.cableNeutralAzimuthDeg()) > spec.cableWrapStopDeg()) {
      wrapStopHits++;
      return; // the cable is fully wound: against its stop the motor stalls
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

  /**
   * What {@code axis}'s encoder sees: the load angle plus the encoder's misalignment (azimuth taken
   * modulo 360).
   */
  public synchronized double encoderAngle(Axis axis) {
    double seen = axes.get(axis).loadDeg + encoderMisalignment.get(axis);
    return axis == Axis.AZIMUTH ? seen - 360 * Math.floor(seen / 360) : seen;
  }

  /** Mounts {@code axis}'s encoder {@code degrees} off the true axis: it reads the load angle plus this. */
  public synchronized void setEncoderMisalignment(Axis axis, double degrees) {
    if (!Double.isFinite(degrees) || Math.abs(degrees) > 10) {
      throw new IllegalArgumentException("encoder misalignment must be within +/-10 deg, was " + degrees);
    }
    encoderMisalignment.put(axis, degrees);
  }

  /** The azimuth, unwrapped (the start azimuth plus every turn since). */
  public synchronized double azimuthUnwrappedDeg() {
    return axes.get(Axis.AZIMUTH).loadDeg;
  }

  /** The cable wrap: how far the azimuth has turned from the cable's neutral, degrees, signed. */
  public synchronized double cableWrapDeg() {
    return axes.get(Axis.AZIMUTH).loadDeg - spec.cableNeutralAzimuthDeg();
  }

  /** Whole azimuth turns of cable wrap from the neutral, signed (floor). */
  public synchronized int cableWraps() {
    return (int) Math.floor(cableWrapDeg() / 360 + 1e-12);
  }

  /** Azimuth steps lost against the cable's stop since the start (0 unless the wrap was overrun). */
  public synchronized long wrapStopHits() {
    return wrapStopHits;
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
