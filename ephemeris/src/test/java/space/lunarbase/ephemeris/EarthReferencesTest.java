package space.lunarbase.ephemeris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Sun from an Earth site against the worked example of NREL's Solar Position Algorithm: I.
 * Reda and A. Andreas, "Solar Position Algorithm for Solar Radiation Applications", NREL/TP-560-34302
 * (revised January 2008), appendix A.5, also the expected output of NREL's spa_tester.c. Golden,
 * Colorado, latitude 39.742476°, longitude -105.1786°, elevation 1830.14 m, 2003 October 17
 * 12:30:30 local time at UTC-7 (19:30:30 UTC), pressure 820 mbar, temperature 11 °C (SPA's run used
 * Delta T = 67 s; ours from the leap-second table is 64.184 s, which moves the Sun by 0.00003°):
 * topocentric geometric elevation e0 = 39.872046°, apparent elevation e = 39.888378° (zenith
 * 50.111622°), azimuth 194.340241° (east of north). SPA is good to 0.0003°; our Sun series to
 * 0.01°, so the tolerance is 0.015°.
 */
class EarthReferencesTest {

  static final EarthSite GOLDEN = new EarthSite(39.742476, -105.1786, 1830.14);
  static final Instant WHEN = Instant.parse("2003-10-17T19:30:30Z");

  @Test
  void theGeometricSunMatchesSpa() {
    Horizontal sun = SunEphemeris.at(GOLDEN).sunAt(WHEN);

    assertThat(sun.elevationDeg()).isCloseTo(39.872046, within(0.015));
    assertThat(sun.azimuthDeg()).isCloseTo(194.340241, within(0.015));
    // SPA's R = 0.9965422974 au (the Earth-Sun distance; the site is 0.00004 au nearer or further)
    assertThat(sun.distanceM() / SolarPosition.AU_M).isCloseTo(0.9965423, within(0.0001));
  }

  @Test
  void theApparentSunMatchesSpaWithItsAtmosphere() {
    Horizontal sun = SunEphemeris.apparentAt(GOLDEN, new Atmosphere(820, 11)).sunAt(WHEN);

    assertThat(90 - sun.elevationDeg()).isCloseTo(50.111622, within(0.015));
    assertThat(sun.azimuthDeg()).isCloseTo(194.340241, within(0.015));
  }

  /** SPA's refraction at that elevation: e - e0 = 39.888378 - 39.872046 = 0.016332°. */
  @Test
  void refractionMatchesSpasFormula() {
    assertThat(new Atmosphere(820, 11).refractionDeg(39.872046)).isCloseTo(0.016332, within(0.000002));
    assertThat(Atmosphere.standard().refractionDeg(0)).as("about half a degree at the horizon").isBetween(0.45, 0.5);
    assertThat(Atmosphere.standard().refractionDeg(90)).isZero();
    assertThat(Atmosphere.standard().refractionDeg(-2)).as("below the floor").isZero();
  }
}
