package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The solar tracker's control settings ({@code lunarbase.tracker.*}), fixed for a run; values an
 * operator tunes in flight are the tracker's parameters instead. The site is
 * {@link TrackerSiteSettings}.
 *
 * @param controlPeriod how often the controller runs (a task of the rate group that divides it)
 * @param telemetryPeriod how often a frame goes out on {@code tlm/tracker}
 * @param cableNeutralAzimuthDeg the azimuth (0..360) at which the cable hangs relaxed: wrap 0
 * @param cableWrapLimitDeg the most cable wrap the controller allows either way from the neutral,
 *     180..1800; the mechanical stop must be beyond it
 * @param elevationMinDeg the lowest elevation the controller points to (above the lower limit switch)
 * @param elevationMaxDeg the highest (below the upper limit switch)
 * @param deadbandDeg an axis moves only when it is off its goal by more than this (about half the
 *     encoder's 0.088-degree step, so encoder quantisation does not make it hunt)
 * @param sunSensorFieldDeg degrees of pointing offset per unit of the sun sensor's normalised
 *     offset (its calibration; the half field of view for a linear quad cell)
 * @param sunSensorMaxOffset the largest normalised offset (0..1) still inside the sensor's linear
 *     range; beyond it the reading is not used
 * @param sunSensorTimeConstant how fast the correction learned from the sun sensor follows it
 * @param maxCorrectionDeg the largest correction the sun sensor may apply to the ephemeris, each axis
 */
@ConfigurationProperties("lunarbase.tracker")
public record TrackerSettings(Duration controlPeriod, Duration telemetryPeriod, double cableNeutralAzimuthDeg,
    double cableWrapLimitDeg, double elevationMinDeg, double elevationMaxDeg, double deadbandDeg,
    double sunSensorFieldDeg, double sunSensorMaxOffset, Duration sunSensorTimeConstant, double maxCorrectionDeg) {

  public TrackerSettings {
    ConfigRules.period("lunarbase.tracker.control-period", controlPeriod, Duration.ofMillis(10), Duration.ofMinutes(1));
    ConfigRules.period("lunarbase.tracker.telemetry-period", telemetryPeriod, Duration.ofMillis(10),
        Duration.ofHours(1));
    within("lunarbase.tracker.cable-neutral-azimuth-deg", cableNeutralAzimuthDeg, 0, 360);
    within("lunarbase.tracker.cable-wrap-limit-deg", cableWrapLimitDeg, 180, 1800);
    within("lunarbase.tracker.elevation-min-deg", elevationMinDeg, -90, 90);
    within("lunarbase.tracker.elevation-max-deg", elevationMaxDeg, -90, 90);
    if (!(elevationMinDeg < elevationMaxDeg)) {
      throw new InvalidConfigException("lunarbase.tracker.elevation-max-deg", elevationMaxDeg,
          "must be above lunarbase.tracker.elevation-min-deg (" + elevationMinDeg + ")");
    }
    within("lunarbase.tracker.deadband-deg", deadbandDeg, 0.001, 1);
    within("lunarbase.tracker.sun-sensor-field-deg", sunSensorFieldDeg, 0.1, 60);
    within("lunarbase.tracker.sun-sensor-max-offset", sunSensorMaxOffset, 0.05, 1);
    ConfigRules.period("lunarbase.tracker.sun-sensor-time-constant", sunSensorTimeConstant, Duration.ofMillis(10),
        Duration.ofHours(24));
    within("lunarbase.tracker.max-correction-deg", maxCorrectionDeg, 0, 10);
  }

  private static void within(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new InvalidConfigException(key, value, "use a number from " + min + " to " + max);
    }
  }
}
