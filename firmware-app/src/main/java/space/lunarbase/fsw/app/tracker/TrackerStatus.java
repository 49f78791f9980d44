package space.lunarbase.fsw.app.tracker;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.hal.tracker.AngleReading;
import space.lunarbase.hal.tracker.LimitReading;
import space.lunarbase.hal.tracker.SunSensorReading;

/**
 * The tracker as its controller saw and left it at the end of one cycle: what telemetry and
 * channels report. Angles in degrees; NaN where there is no value.
 *
 * @param time the cycle's time
 * @param state the controller's state
 * @param cause why it entered that state
 * @param mode the subsystem's mode
 * @param motorsEnabled whether the stepper drivers are enabled
 * @param azimuth the azimuth encoder's reading
 * @param elevation the elevation encoder's reading
 * @param limits the elevation limit switches
 * @param sensor the sun sensor's reading
 * @param targetAzimuthDeg where the controller aims the azimuth encoder (0..360), NaN if nowhere
 * @param targetElevationDeg where it aims the elevation encoder, NaN if nowhere
 * @param wrapDeg the cable wrap from the neutral, NaN until known
 * @param sunAzimuthDeg the ephemeris Sun's azimuth
 * @param sunElevationDeg the ephemeris Sun's elevation
 * @param pointingErrorDeg the estimated angle between pointing and Sun, NaN with source NONE
 * @param pointingSource how it was estimated
 * @param sensorInLoop whether the sun sensor's signal is valid and in use
 * @param correctionAzimuthDeg the correction learned from the sun sensor
 * @param correctionElevationDeg the correction learned from the sun sensor
 * @param azimuthSteps steps issued to the azimuth driver since start
 * @param elevationSteps steps issued to the elevation driver since start
 */
public record TrackerStatus(Instant time, TrackerState state, String cause, Mode mode, boolean motorsEnabled,
    AngleReading azimuth, AngleReading elevation, LimitReading limits, SunSensorReading sensor,
    double targetAzimuthDeg, double targetElevationDeg, double wrapDeg, double sunAzimuthDeg, double sunElevationDeg,
    double pointingErrorDeg, PointingSource pointingSource, boolean sensorInLoop, double correctionAzimuthDeg,
    double correctionElevationDeg, long azimuthSteps, long elevationSteps) {

  public TrackerStatus {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(azimuth, "azimuth");
    Objects.requireNonNull(elevation, "elevation");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(pointingSource, "pointingSource");
  }
}
