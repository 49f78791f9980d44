package space.lunarbase.ephemeris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The building blocks against the worked examples of J. Meeus, <i>Astronomical Algorithms</i>, 2nd
 * ed. (Willmann-Bell 1998). The published figures were checked against their reproductions in
 * public test suites (e.g. PyMeeus {@code Moon.geocentric_ecliptical_pos} for 47.a, the adhan
 * libraries' solar-coordinate tests for 25.a, libnova and several others for 21.b). Each tolerance
 * is the published rounding or the documented accuracy of the method, whichever is larger.
 */
class MeeusExamplesTest {

  private static double centuries(double jde) {
    return (jde - TimeScale.JD_J2000) / 36525;
  }

  /**
   * Example 25.a, 1992 October 13.0 TD (JDE 2448908.5): true geometric longitude 199.90988°,
   * R = 0.99766 au; apparent longitude 199.90895°, apparent RA 198.38083° (13h13m31.4s),
   * declination -7.78507°. Meeus's apparent figures use a one-term nutation; ours uses the
   * four-term short series of ch. 22, which moves them by up to 0.0005°.
   */
  @Test
  void example25aTheSun() {
    double t = centuries(2448908.5);
    SolarPosition sun = SolarPosition.at(t);
    assertThat(sun.trueLongitudeDeg()).isCloseTo(199.90988, within(0.00001));
    assertThat(sun.distanceAu()).isCloseTo(0.99766, within(0.000005));

    EarthFrames.Nutation nutation = EarthFrames.nutation(t);
    double eps = EarthFrames.meanObliquityDeg(t) + nutation.obliquityDeg();
    Vector3 apparent = EarthSky.apparentSunTrueEquatorM(t, nutation, eps);
    assertThat(sun.aberratedLongitudeDeg() + nutation.longitudeDeg()).isCloseTo(199.90895, within(0.0005));
    assertThat(Angles.normalize(Math.toDegrees(apparent.longitudeRad()))).isCloseTo(198.38083, within(0.0005));
    assertThat(Math.toDegrees(apparent.latitudeRad())).isCloseTo(-7.78507, within(0.0005));
    assertThat(apparent.norm() / SolarPosition.AU_M).isCloseTo(0.99766, within(0.000005));
  }

  /** Example 47.a, 1992 April 12.0 TD: lambda 133.162655°, beta -3.229126°, Delta 368409.7 km. */
  @Test
  void example47aTheMoon() {
    LunarPosition moon = LunarPosition.at(centuries(2448724.5));
    assertThat(moon.longitudeDeg()).isCloseTo(133.162655, within(0.000001));
    assertThat(moon.latitudeDeg()).isCloseTo(-3.229126, within(0.000001));
    assertThat(moon.distanceKm()).isCloseTo(368409.7, within(0.05));
  }

  /** Example 12.a: mean sidereal time at Greenwich on 1987 April 10, 0h UT = 13h10m46.3668s = 197.693195°. */
  @Test
  void example12aSiderealTime() {
    assertThat(EarthFrames.meanSiderealTimeDeg(2446895.5)).isCloseTo(197.693195, within(0.000001));
  }

  /** Example 22.a: mean obliquity on 1987 April 10, 0h TD = 23°26'27.407"; nutation -3.788" and +9.443". */
  @Test
  void example22aObliquityAndNutation() {
    double t = centuries(2446895.5);
    assertThat(EarthFrames.meanObliquityDeg(t)).isCloseTo(23 + 26 / 60.0 + 27.407 / 3600, within(0.001 / 3600));
    EarthFrames.Nutation nutation = EarthFrames.nutation(t);
    // the short series is good to 0.5" in longitude and 0.1" in obliquity (Meeus ch. 22)
    assertThat(nutation.longitudeDeg() * 3600).isCloseTo(-3.788, within(0.5));
    assertThat(nutation.obliquityDeg() * 3600).isCloseTo(9.443, within(0.1));
  }

  /**
   * Example 21.b: theta Persei at RA 41.054063°, Dec 49.227750° (J2000, proper motion applied),
   * precessed to 2028 November 13.19 TD (JDE 2462088.69): RA 41.547214°, Dec 49.348483°.
   */
  @Test
  void example21bPrecession() {
    Vector3 star = Vector3.fromSpherical(Math.toRadians(41.054063), Math.toRadians(49.227750), 1);
    Vector3 ofDate = EarthFrames.precessionFromJ2000(centuries(2462088.69)).apply(star);
    assertThat(Math.toDegrees(ofDate.longitudeRad())).isCloseTo(41.547214, within(0.000003));
    assertThat(Math.toDegrees(ofDate.latitudeRad())).isCloseTo(49.348483, within(0.000003));
    Vector3 back = EarthFrames.precessionFromJ2000(centuries(2462088.69)).transpose().apply(ofDate);
    assertThat(back.minus(star).norm()).isLessThan(1e-15);
  }
}
