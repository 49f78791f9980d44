package space.lunarbase.fsw.app.tracker;

import java.time.Duration;
import java.time.Instant;
import space.lunarbase.ephemeris.Horizontal;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.tracker.SunSensorReading;

/**
 * The sun sensor's part of the loop. The ephemeris says where the Sun is; the array's encoders may
 * be mounted a little off (and the ephemeris is good to 0.02 degrees), so where the encoders must
 * point to face the Sun differs by a small, slowly changing correction. While the sensor's signal
 * is valid ({@link #judge}), the sensor measures that correction directly: the Sun in the
 * encoders' frame is the encoder angles plus the sensor's offset times its field; the correction
 * follows the difference from the ephemeris through a first-order filter (time constant
 * {@code timeConstant}), bounded to {@code maxCorrectionDeg} per axis. When the signal is not
 * valid the last correction is kept. Owned by the controller's thread.
 */
final class SunCorrection {

  /** Whether a reading may be used, and if not why. */
  record Judgement(boolean valid, String reason) {
    static final Judgement VALID = new Judgement(true, "");
  }

  private final double fieldDeg;
  private final double maxOffset;
  private final double timeConstantS;
  private final double maxCorrectionDeg;
  private double azimuthDeg;
  private double elevationDeg;
  private Instant learnedAt;

  /**
   * @param fieldDeg degrees of offset per unit of normalised sensor offset
   * @param maxOffset the largest normalised offset in the sensor's linear range
   * @param timeConstant how fast the correction follows the sensor
   * @param maxCorrectionDeg the largest correction per axis
   */
  SunCorrection(double fieldDeg, double maxOffset, Duration timeConstant, double maxCorrectionDeg) {
    this.fieldDeg = fieldDeg;
    this.maxOffset = maxOffset;
    this.timeConstantS = timeConstant.toNanos() / 1e9;
    this.maxCorrectionDeg = maxCorrectionDeg;
  }

  /** Whether {@code reading} is a valid signal: enabled, GOOD, bright enough, inside the linear field. */
  Judgement judge(SunSensorReading reading, boolean enabled, double minTotalV) {
    if (!enabled) {
      return new Judgement(false, "disabled (tracker.sun-sensor-enabled is false)");
    }
    if (reading.quality() != Quality.GOOD) {
      return new Judgement(false, "sensor " + reading.quality() + ": " + reading.fault());
    }
    if (!reading.valid() || !(reading.totalV() >= minTotalV)) {
      return new Judgement(false, String.format("dark: %.3f V in all, below %.2f V", reading.totalV(), minTotalV));
    }
    if (Math.abs(reading.azimuthOffset()) > maxOffset || Math.abs(reading.elevationOffset()) > maxOffset) {
      return new Judgement(false, String.format("Sun outside the linear field: offsets %.3f, %.3f (limit %.2f)",
          reading.azimuthOffset(), reading.elevationOffset(), maxOffset));
    }
    return Judgement.VALID;
  }

  /** Learns from a valid reading taken with the encoders at {@code encoderAzDeg}, {@code encoderElDeg}. */
  void learn(Instant now, SunSensorReading reading, double encoderAzDeg, double encoderElDeg, Horizontal sun) {
    double cosEl = Math.max(0.1, Math.cos(Math.toRadians(encoderElDeg)));
    double seenAz = encoderAzDeg + reading.azimuthOffset() * fieldDeg / cosEl;
    double seenEl = encoderElDeg + reading.elevationOffset() * fieldDeg;
    double dAz = CableWrap.shortest(seenAz - sun.azimuthDeg());
    double dEl = seenEl - sun.elevationDeg();
    double dt = learnedAt == null ? timeConstantS
        : Math.min(timeConstantS, Math.max(0, Duration.between(learnedAt, now).toNanos() / 1e9));
    double gain = 1 - Math.exp(-dt / timeConstantS);
    azimuthDeg = clamp(azimuthDeg + gain * (dAz - azimuthDeg));
    elevationDeg = clamp(elevationDeg + gain * (dEl - elevationDeg));
    learnedAt = now;
  }

  /** The pointing error the sensor sees in {@code reading} (a valid one), degrees. */
  double errorDeg(SunSensorReading reading) {
    return Math.hypot(reading.azimuthOffset() * fieldDeg, reading.elevationOffset() * fieldDeg);
  }

  /** Added to the ephemeris azimuth to aim the encoders at the Sun, degrees. */
  double azimuthDeg() {
    return azimuthDeg;
  }

  /** Added to the ephemeris elevation, degrees. */
  double elevationDeg() {
    return elevationDeg;
  }

  private double clamp(double v) {
    return Math.max(-maxCorrectionDeg, Math.min(maxCorrectionDeg, v));
  }
}
