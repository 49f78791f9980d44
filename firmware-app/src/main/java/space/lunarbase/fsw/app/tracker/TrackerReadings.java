package space.lunarbase.fsw.app.tracker;

import java.time.Instant;
import java.util.Optional;
import space.lunarbase.ephemeris.Horizontal;
import space.lunarbase.ephemeris.SunEphemeris;
import space.lunarbase.fsw.core.fdir.SafingTable;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.tracker.AngleReading;
import space.lunarbase.hal.tracker.Axis;
import space.lunarbase.hal.tracker.LimitReading;
import space.lunarbase.hal.tracker.SolarTracker;
import space.lunarbase.hal.tracker.SunSensorReading;

/**
 * What the controller reads once per cycle: both encoders, the limit switches, the sun sensor (the
 * hal's readings never throw) and where the ephemeris puts the Sun at the cycle's time.
 */
record TrackerReadings(Instant time, AngleReading azimuth, AngleReading elevation, LimitReading limits,
    SunSensorReading sensor, Horizontal sun) {

  static TrackerReadings read(SolarTracker tracker, SunEphemeris ephemeris, Instant time) {
    return new TrackerReadings(time, tracker.encoderAngle(Axis.AZIMUTH), tracker.encoderAngle(Axis.ELEVATION),
        tracker.limits(), tracker.sunSensor(), ephemeris.sunAt(time));
  }

  boolean encodersGood() {
    return azimuth.good() && elevation.good();
  }

  /** The first hardware fault these readings show: an encoder not GOOD, a limit switch closed or unreadable. */
  Optional<TrackerFault> fault() {
    if (!azimuth.good()) {
      return Optional.of(new TrackerFault(SafingTable.TRACKER_ENCODER_FAULT,
          "azimuth encoder " + azimuth.quality() + ": " + azimuth.fault()));
    }
    if (!elevation.good()) {
      return Optional.of(new TrackerFault(SafingTable.TRACKER_ENCODER_FAULT,
          "elevation encoder " + elevation.quality() + ": " + elevation.fault()));
    }
    if (limits.quality() != Quality.GOOD) {
      return Optional.of(new TrackerFault(SafingTable.TRACKER_LIMIT_SWITCH, "limit switches " + limits.quality()
          + ": " + limits.fault()));
    }
    if (limits.elevationLowerClosed() || limits.elevationUpperClosed()) {
      return Optional.of(new TrackerFault(SafingTable.TRACKER_LIMIT_SWITCH, String.format(
          "elevation %s limit switch closed at encoder elevation %.2f deg",
          limits.elevationLowerClosed() ? "lower" : "upper", elevation.degrees())));
    }
    return Optional.empty();
  }
}
