package space.lunarbase.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import space.lunarbase.ephemeris.Horizontal;
import space.lunarbase.ephemeris.Site;
import space.lunarbase.ephemeris.SunEphemeris;

/**
 * Where the Sun is in the local sky at a given time: the real Sun at a site ({@link #ephemeris}),
 * or simple test suns ({@link #fixed}, {@link #polar}) for tests that need a Sun they can predict
 * by hand.
 */
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
   * The real Sun at {@code site}, from the ephemeris module ({@link SunEphemeris}: 0.02 degrees on
   * the Moon, 0.01 degrees geometric on the Earth). Near the lunar south pole its azimuth
   * <em>decreases</em> by 360 degrees per synodic month and its elevation swings within
   * 90 - |latitude| + 1.54 degrees of the horizon over the year.
   *
   * @throws IllegalArgumentException from {@link #at} for a time outside 1950..2150
   */
  static SunDirection ephemeris(Site site) {
    SunEphemeris ephemeris = SunEphemeris.at(Objects.requireNonNull(site, "site"));
    return time -> {
      Horizontal sun = ephemeris.sunAt(time);
      return new SkyDirection(sun.azimuthDeg(), sun.elevationDeg());
    };
  }

  /**
   * A simple test Sun circling a pole: at a constant {@code elevationDeg}, its azimuth grows by 360
   * degrees per synodic month from {@code azimuthAtEpochDeg} at {@code epoch}. (The real Sun at the
   * lunar south pole turns the other way, azimuth decreasing, and its elevation varies: use
   * {@link #ephemeris} for that.)
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
