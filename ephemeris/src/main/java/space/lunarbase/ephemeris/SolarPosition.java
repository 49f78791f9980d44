package space.lunarbase.ephemeris;

import static space.lunarbase.ephemeris.Angles.sinDeg;

/**
 * The Sun's geocentric position, after J. Meeus, <i>Astronomical Algorithms</i>, 2nd ed., ch. 25
 * "Solar coordinates", low-accuracy method (the Sun's mean longitude and anomaly and the equation
 * of the centre, geometric longitude good to 0.01 degrees; latitude, under 1.2", is taken as 0).
 *
 * @param trueLongitudeDeg geometric longitude, mean ecliptic and equinox of date (Meeus's ☉)
 * @param distanceAu Sun-Earth distance, astronomical units
 */
record SolarPosition(double trueLongitudeDeg, double distanceAu) {

  /** Annual aberration in longitude, degrees at 1 au (20.4898"). */
  static final double ABERRATION_DEG = 0.005692;
  /** The astronomical unit, metres (IAU 2012). */
  static final double AU_M = 149_597_870_700.0;

  /** The Sun at {@code t} Julian centuries of TT from J2000.0. */
  static SolarPosition at(double t) {
    double meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    double meanAnomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
    double e = 0.016708634 - 0.000042037 * t - 0.0000001267 * t * t;
    double centre = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sinDeg(meanAnomaly)
        + (0.019993 - 0.000101 * t) * sinDeg(2 * meanAnomaly) + 0.000289 * sinDeg(3 * meanAnomaly);
    double trueAnomaly = meanAnomaly + centre;
    double r = 1.000001018 * (1 - e * e) / (1 + e * Angles.cosDeg(trueAnomaly));
    return new SolarPosition(Angles.normalize(meanLongitude + centre), r);
  }

  /** Longitude corrected for aberration (still the mean equinox of date, no nutation), degrees. */
  double aberratedLongitudeDeg() {
    return trueLongitudeDeg - ABERRATION_DEG / distanceAu;
  }

  /**
   * The apparent Sun (aberration, no nutation) as a geocentric vector in metres, mean equator and
   * equinox of date.
   */
  Vector3 meanEquatorialM(double meanObliquityDeg) {
    return EarthFrames.eclipticToEquatorial(aberratedLongitudeDeg(), 0, distanceAu * AU_M, meanObliquityDeg);
  }
}
