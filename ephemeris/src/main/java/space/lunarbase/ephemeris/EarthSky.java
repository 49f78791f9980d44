package space.lunarbase.ephemeris;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The Sun seen from a site on the Earth: the apparent geocentric Sun (Meeus ch. 25 with annual
 * aberration and the nutation of ch. 22) in the true equator and equinox of date, turned to the
 * Earth-fixed frame by Greenwich apparent sidereal time (Meeus eq. 12.4 plus the equation of the
 * equinoxes), minus the site's WGS84 position (this is the 0.0024 degree solar parallax), split into
 * east, north and up along the ellipsoid normal; refraction added when an atmosphere is given.
 */
final class EarthSky implements LocalSky {

  private final EarthSite site;
  private final Optional<Atmosphere> atmosphere;
  private final Vector3 siteEarthFixedM;

  EarthSky(EarthSite site, Optional<Atmosphere> atmosphere) {
    this.site = Objects.requireNonNull(site, "site");
    this.atmosphere = Objects.requireNonNull(atmosphere, "atmosphere");
    this.siteEarthFixedM = site.earthFixedM();
  }

  @Override
  public Horizontal sunAt(Instant utc) {
    double jdTt = TimeScale.julianDateTt(utc);
    double t = (jdTt - TimeScale.JD_J2000) / 36525;
    EarthFrames.Nutation nutation = EarthFrames.nutation(t);
    double trueObliquity = EarthFrames.meanObliquityDeg(t) + nutation.obliquityDeg();
    Vector3 sunTrueOfDate = apparentSunTrueEquatorM(t, nutation, trueObliquity);
    double gast = EarthFrames.meanSiderealTimeDeg(TimeScale.julianDateUt1(utc))
        + nutation.longitudeDeg() * Angles.cosDeg(trueObliquity);
    Vector3 sunEarthFixed = Matrix3.r3(Math.toRadians(gast)).apply(sunTrueOfDate);
    Horizontal geometric = LocalSky.toHorizontal(sunEarthFixed.minus(siteEarthFixedM), site.latDeg(), site.lonDeg());
    return atmosphere.map(air -> new Horizontal(geometric.azimuthDeg(),
        Math.min(90, geometric.elevationDeg() + air.refractionDeg(geometric.elevationDeg())), geometric.distanceM()))
        .orElse(geometric);
  }

  /** The apparent geocentric Sun, true equator and equinox of date, metres. */
  static Vector3 apparentSunTrueEquatorM(double t, EarthFrames.Nutation nutation, double trueObliquityDeg) {
    SolarPosition sun = SolarPosition.at(t);
    return EarthFrames.eclipticToEquatorial(sun.aberratedLongitudeDeg() + nutation.longitudeDeg(), 0,
        sun.distanceAu() * SolarPosition.AU_M, trueObliquityDeg);
  }
}
