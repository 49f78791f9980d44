package space.lunarbase.ephemeris;

import static space.lunarbase.ephemeris.Angles.ARCSEC;
import static space.lunarbase.ephemeris.Angles.cosDeg;
import static space.lunarbase.ephemeris.Angles.sinDeg;

/**
 * The Earth's orientation as the ephemeris needs it, after J. Meeus, <i>Astronomical Algorithms</i>,
 * 2nd ed. (Willmann-Bell 1998):
 *
 * <ul>
 *   <li>mean obliquity of the ecliptic, eq. 22.2 (IAU 1980; 0.01" over 2000 years around J2000);
 *   <li>nutation in longitude and obliquity, the four-term short series of ch. 22 (0.5" and 0.1");
 *   <li>Greenwich mean sidereal time, eq. 12.4; apparent = mean + nutation in right ascension;
 *   <li>precession from J2000.0 to the mean equator and equinox of date, eq. 21.3 (IAU 1976,
 *       Lieske): P = R3(-z) R2(theta) R3(-zeta).
 * </ul>
 *
 * <p>T is in Julian centuries of TT from J2000.0.
 */
final class EarthFrames {

  private EarthFrames() {}

  /** Nutation in longitude and obliquity, degrees. */
  record Nutation(double longitudeDeg, double obliquityDeg) {}

  static double meanObliquityDeg(double t) {
    return 23 + 26.0 / 60 + (21.448 - 46.8150 * t - 0.00059 * t * t + 0.001813 * t * t * t) * ARCSEC;
  }

  static Nutation nutation(double t) {
    double omega = 125.04452 - 1934.136261 * t;
    double sunMeanLongitude = 280.4665 + 36000.7698 * t;
    double moonMeanLongitude = 218.3165 + 481267.8813 * t;
    double dPsi = -17.20 * sinDeg(omega) - 1.32 * sinDeg(2 * sunMeanLongitude)
        - 0.23 * sinDeg(2 * moonMeanLongitude) + 0.21 * sinDeg(2 * omega);
    double dEps = 9.20 * cosDeg(omega) + 0.57 * cosDeg(2 * sunMeanLongitude)
        + 0.10 * cosDeg(2 * moonMeanLongitude) - 0.09 * cosDeg(2 * omega);
    return new Nutation(dPsi * ARCSEC, dEps * ARCSEC);
  }

  /** Greenwich mean sidereal time, degrees in [0, 360), at a Julian date in UT1. */
  static double meanSiderealTimeDeg(double jdUt1) {
    double d = jdUt1 - TimeScale.JD_J2000;
    double t = d / 36525;
    return Angles.normalize(280.46061837 + 360.98564736629 * d + 0.000387933 * t * t - t * t * t / 38_710_000);
  }

  /** The rotation from the J2000.0 mean equator and equinox to the mean equator and equinox of date. */
  static Matrix3 precessionFromJ2000(double t) {
    double zeta = (2306.2181 * t + 0.30188 * t * t + 0.017998 * t * t * t) * ARCSEC;
    double z = (2306.2181 * t + 1.09468 * t * t + 0.018203 * t * t * t) * ARCSEC;
    double theta = (2004.3109 * t - 0.42665 * t * t - 0.041833 * t * t * t) * ARCSEC;
    return Matrix3.r3(Math.toRadians(-z)).times(Matrix3.r2(Math.toRadians(theta)))
        .times(Matrix3.r3(Math.toRadians(-zeta)));
  }

  /** A point at ecliptic longitude and latitude (degrees) and distance, in equatorial axes of obliquity eps. */
  static Vector3 eclipticToEquatorial(double lonDeg, double latDeg, double distance, double obliquityDeg) {
    Vector3 ecliptic = Vector3.fromSpherical(Math.toRadians(lonDeg), Math.toRadians(latDeg), distance);
    return Matrix3.r1(Math.toRadians(-obliquityDeg)).apply(ecliptic);
  }
}
