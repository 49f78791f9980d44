package space.lunarbase.ephemeris;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The Sun's azimuth and elevation at any UTC instant from 1950 to 2150, for a {@link LunarSite} or
 * an {@link EarthSite}. Immutable and thread-safe; one call costs a few microseconds (it evaluates
 * about 130 periodic terms), so it can run at every control cycle.
 *
 * <h2>Algorithm</h2>
 *
 * <ol>
 *   <li>UTC to TT with the leap-second table, UT1 = UTC ({@link TimeScale}).
 *   <li>The geocentric Sun: J. Meeus, <i>Astronomical Algorithms</i>, 2nd ed. (Willmann-Bell 1998),
 *       ch. 25, low-accuracy method (0.01 degrees), with annual aberration.
 *   <li>Lunar site: the geocentric Moon, Meeus ch. 47 (ELP-2000/82 truncated, 10"); the Sun minus
 *       the Moon in the mean equator of date; precession back to J2000 (Meeus eq. 21.3); the
 *       Moon's orientation from the IAU WGCCRE model (Archinal et al. 2011, {@link
 *       LunarRotationModel}: pole precession and physical libration), giving the mean Earth/polar
 *       axis frame; minus the site (radius 1737.4 km + height); local east/north/up; azimuth and
 *       elevation. The Moon has no air: no refraction.
 *   <li>Earth site: nutation (Meeus ch. 22, short series) and apparent sidereal time (eq. 12.4) turn
 *       the apparent Sun into the Earth-fixed frame; minus the site on the WGS84 ellipsoid; local
 *       east/north/up along the ellipsoid normal. Geometric by default; {@link #apparentAt} adds
 *       refraction ({@link Atmosphere}).
 * </ol>
 *
 * <h2>Near the lunar south pole</h2>
 *
 * The Sun circles the horizon once per synodic month (29.53 d on average) with its azimuth
 * <b>decreasing</b> (east, north, west, south: the Moon turns eastward), at elevations within
 * 90 - |latitude| + 1.54 degrees (the tilt of the lunar equator to the ecliptic) plus a few
 * hundredths for libration.
 *
 * <h2>Accuracy</h2>
 *
 * The Sun's direction is good to <b>0.02 degrees</b> from a lunar site (Sun series 0.01, the IAU
 * lunar orientation 0.005 (150 m), Moon series and aberration from the Moon's motion under 0.001)
 * and to <b>0.01 degrees</b> geometric from an Earth site (Sun series 0.01, UT1 = UTC 0.004); the
 * tests hold it to the published references within 0.02 degrees (lunar) and 0.015 degrees (Earth).
 * Apparent elevation on Earth adds the refraction formula's error and the weather's. Azimuth is
 * an angle on the horizon, so near the zenith (or at a pole) a small error in direction can be a
 * large error in azimuth; the angle between two directions is {@link Horizontal#angleTo}.
 */
public final class SunEphemeris {

  private final Site site;
  private final LocalSky sky;

  private SunEphemeris(Site site, LocalSky sky) {
    this.site = site;
    this.sky = sky;
  }

  /** The geometric Sun at {@code site}; a lunar site uses the full IAU 2009 rotation model. */
  public static SunEphemeris at(Site site) {
    Objects.requireNonNull(site, "site");
    return switch (site) {
      case LunarSite lunar -> at(lunar, LunarRotationModel.IAU_2009);
      case EarthSite earth -> new SunEphemeris(earth, new EarthSky(earth, Optional.empty()));
    };
  }

  /** The Sun at a lunar site with a chosen lunar rotation model (to study what libration is worth). */
  public static SunEphemeris at(LunarSite site, LunarRotationModel model) {
    return new SunEphemeris(site, new LunarSky(site, model));
  }

  /** The apparent Sun at an Earth site: the geometric direction lifted by refraction in {@code atmosphere}. */
  public static SunEphemeris apparentAt(EarthSite site, Atmosphere atmosphere) {
    Objects.requireNonNull(atmosphere, "atmosphere");
    return new SunEphemeris(site, new EarthSky(site, Optional.of(atmosphere)));
  }

  public Site site() {
    return site;
  }

  /**
   * Where the Sun's centre is at {@code utc}.
   *
   * @throws IllegalArgumentException if {@code utc} is outside [{@link TimeScale#EARLIEST},
   *     {@link TimeScale#LATEST})
   */
  public Horizontal sunAt(Instant utc) {
    return sky.sunAt(utc);
  }
}
