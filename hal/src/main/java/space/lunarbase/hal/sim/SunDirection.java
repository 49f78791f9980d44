package space.lunarbase.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Where the Sun is in the local sky at a given time. The real ephemeris comes later; these are test suns. */
@FunctionalInterface
public interface SunDirection {

  /** The lunar synodic month, one full azimuth circuit of the Sun near the pole: 29.53 d. */
  Duration SYNODIC_MONTH = Duration.ofSeconds(2_551_443);

  SkyDirection at(Instant time);

  /** A Sun that stands still. */
  static SunDirection fixed(double azimuthDeg, double elevationDeg) {
    SkyDirection direction = new SkyDirection(azimuthDeg, elevationDeg);
    return time -> direction;
  }

  /**
   * A Sun near the lunar south pole: at a constant {@code elevationDeg}, its azimuth grows by 360
   * degrees per synodic month from {@code azimuthAtEpochDeg} at {@code epoch}.
   */
  static SunDirection polar(Instant epoch, double azimuthAtEpochDeg, double elevationDeg) {
    Objects.requireNonNull(epoch, "epoch");
    double degPerSecond = 360.0 / SYNODIC_MONTH.toSeconds();
    return time -> {
      double seconds = Duration.between(epoch, time).toNanos() / 1e9;
      double az = azimuthAtEpochDeg + seconds * degPerSecond;
      return new SkyDirection(az - 360 * Math.floor(az / 360), elevationDeg);
    };
  }
}
