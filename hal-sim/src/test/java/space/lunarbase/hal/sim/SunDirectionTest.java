package space.lunarbase.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import space.lunarbase.ephemeris.EarthSite;
import space.lunarbase.ephemeris.SunEphemeris;

/** The simulated sky's Sun: the ephemeris behind the demo plants. */
class SunDirectionTest {

  @Test
  void theDemoPlantsSunIsTheEphemerisAtTheDemoSite() {
    SunDirection demo = SimulatedBoard.Plants.demo().sun();
    SunEphemeris ephemeris = SunEphemeris.at(SimulatedBoard.Plants.DEMO_SITE);
    for (int day = 0; day < 30; day += 3) {
      Instant t = Instant.parse("2026-12-01T00:00:00Z").plus(Duration.ofDays(day));
      assertThat(demo.at(t).azimuthDeg()).isEqualTo(ephemeris.sunAt(t).azimuthDeg());
      assertThat(demo.at(t).elevationDeg()).isEqualTo(ephemeris.sunAt(t).elevationDeg());
      // southern summer of 2026/27 at 89.9 S: above the horizon, within 0.1 + 1.54 degrees of it
      assertThat(demo.at(t).elevationDeg()).isBetween(0.0, 1.64 + 0.1);
    }
  }

  @Test
  void atTheDemoSiteTheAzimuthDecreasesByAFullTurnPerSynodicMonth() {
    SunDirection sun = SimulatedBoard.Plants.demo().sun();
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    double turned = 0;
    double previous = sun.at(start).azimuthDeg();
    for (int hour = 1; hour <= 24 * 29.53; hour++) {
      double az = sun.at(start.plus(Duration.ofHours(hour))).azimuthDeg();
      double step = az - previous;
      step -= 360 * Math.floor((step + 180) / 360);
      assertThat(step).isNegative();
      turned += step;
      previous = az;
    }
    assertThat(turned).isCloseTo(-360, within(6.0));
  }

  @Test
  void anEarthRigSeesTheSunToo() {
    // NREL SPA's example (NREL/TP-560-34302 A.5): Golden, CO, 2003-10-17 19:30:30 UTC, azimuth
    // 194.340241, geometric elevation 39.872046 degrees
    SkyDirection sun = SunDirection.ephemeris(new EarthSite(39.742476, -105.1786, 1830.14))
        .at(Instant.parse("2003-10-17T19:30:30Z"));
    assertThat(sun.azimuthDeg()).isCloseTo(194.340241, within(0.015));
    assertThat(sun.elevationDeg()).isCloseTo(39.872046, within(0.015));
    assertThatThrownBy(() -> SunDirection.ephemeris(null)).isInstanceOf(NullPointerException.class);
  }
}
