package space.lunarbase.ephemeris;

import java.time.Instant;
import java.util.Objects;

/**
 * The Sun seen from a site on the Moon: the geocentric Sun (Meeus ch. 25, with annual aberration)
 * minus the geocentric Moon (Meeus ch. 47), both in the mean equator and equinox of date, precessed
 * back to J2000 (Meeus eq. 21.3), turned into the Moon's body-fixed ME frame by the IAU rotation
 * model, minus the site's position, then split into local east, north and up.
 */
final class LunarSky implements LocalSky {

  private final LunarSite site;
  private final LunarRotationModel model;
  private final Vector3 siteBodyFixedM;

  LunarSky(LunarSite site, LunarRotationModel model) {
    this.site = Objects.requireNonNull(site, "site");
    this.model = Objects.requireNonNull(model, "model");
    this.siteBodyFixedM = Vector3.fromSpherical(Math.toRadians(site.lonDeg()), Math.toRadians(site.latDeg()),
        LunarSite.MOON_RADIUS_M + site.heightM());
  }

  @Override
  public Horizontal sunAt(Instant utc) {
    Vector3 sun = sunFromMoonCentreM(utc, model);
    return LocalSky.toHorizontal(sun.minus(siteBodyFixedM), site.latDeg(), site.lonDeg());
  }

  /** The Sun from the Moon's centre in the Moon's body-fixed frame of {@code model}, metres. */
  static Vector3 sunFromMoonCentreM(Instant utc, LunarRotationModel model) {
    double jdTt = TimeScale.julianDateTt(utc);
    double t = (jdTt - TimeScale.JD_J2000) / 36525;
    double eps0 = EarthFrames.meanObliquityDeg(t);
    Vector3 sunOfDate = SolarPosition.at(t).meanEquatorialM(eps0);
    Vector3 moonOfDate = LunarPosition.at(t).meanEquatorialM(eps0);
    Vector3 j2000 = EarthFrames.precessionFromJ2000(t).transpose().apply(sunOfDate.minus(moonOfDate));
    return model.icrfToBodyFixed(jdTt).apply(j2000);
  }
}
