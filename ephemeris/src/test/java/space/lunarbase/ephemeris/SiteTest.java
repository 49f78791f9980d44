package space.lunarbase.ephemeris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sites and atmospheres refuse out-of-range or non-finite coordinates, naming the field. */
class SiteTest {

  @Test
  void lunarSiteFieldsAreChecked() {
    assertThatThrownBy(() -> new LunarSite(-90.5, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LunarSite.latDeg must be within [-90.0, 90.0], was -90.5");
    assertThatThrownBy(() -> new LunarSite(0, 361, 0)).hasMessageContaining("LunarSite.lonDeg");
    assertThatThrownBy(() -> new LunarSite(0, Double.NaN, 0)).hasMessageContaining("LunarSite.lonDeg")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> new LunarSite(0, 0, 25_000)).hasMessageContaining("LunarSite.heightM");
    assertThat(new LunarSite(-90, 360, -20_000).latDeg()).isEqualTo(-90);
  }

  @Test
  void earthSiteFieldsAreChecked() {
    assertThatThrownBy(() -> new EarthSite(91, 0, 0)).hasMessage("EarthSite.latDeg must be within [-90.0, 90.0], was 91.0");
    assertThatThrownBy(() -> new EarthSite(0, -180.1, 0)).hasMessageContaining("EarthSite.lonDeg");
    assertThatThrownBy(() -> new EarthSite(0, 0, Double.POSITIVE_INFINITY)).hasMessageContaining("EarthSite.heightM");
  }

  @Test
  void atmosphereFieldsAreChecked() {
    assertThatThrownBy(() -> new Atmosphere(0, 10)).hasMessageContaining("Atmosphere.pressureHpa");
    assertThatThrownBy(() -> new Atmosphere(1010, -300)).hasMessageContaining("Atmosphere.temperatureC");
    assertThatThrownBy(() -> SunEphemeris.apparentAt(new EarthSite(0, 0, 0), null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void anEarthSiteOnTheEquatorIsOneEquatorialRadiusOut() {
    Vector3 p = new EarthSite(0, 90, 0).earthFixedM();
    assertThat(p.y()).isEqualTo(EarthSite.A_M);
    // the pole lies at the WGS84 polar radius b = a(1 - f) = 6 356 752.314 m
    assertThat(new EarthSite(90, 0, 0).earthFixedM().z()).isCloseTo(6_356_752.314, org.assertj.core.api.Assertions.within(0.001));
  }
}
