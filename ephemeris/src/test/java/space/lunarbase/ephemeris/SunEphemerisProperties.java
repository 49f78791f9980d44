package space.lunarbase.ephemeris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What holds for any site and any instant in range. */
class SunEphemerisProperties {

  static final long FIRST = TimeScale.EARLIEST.getEpochSecond();
  static final long LAST = TimeScale.LATEST.getEpochSecond() - 3600;

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(FIRST, LAST).map(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<LunarSite> lunarSites() {
    return Combinators.combine(Arbitraries.doubles().between(-90, 90), Arbitraries.doubles().between(-180, 360),
        Arbitraries.doubles().between(-20_000, 20_000)).as(LunarSite::new);
  }

  @Provide
  Arbitrary<EarthSite> earthSites() {
    return Combinators.combine(Arbitraries.doubles().between(-90, 90), Arbitraries.doubles().between(-180, 360),
        Arbitraries.doubles().between(-1_000, 20_000)).as(EarthSite::new);
  }

  @Property
  void azimuthElevationAndDistanceStayInRange(@ForAll("lunarSites") LunarSite moon, @ForAll("earthSites") EarthSite earth,
      @ForAll("instants") Instant t) {
    for (Horizontal h : new Horizontal[] {SunEphemeris.at(moon).sunAt(t), SunEphemeris.at(earth).sunAt(t)}) {
      assertThat(h.azimuthDeg()).isGreaterThanOrEqualTo(0).isLessThan(360);
      assertThat(h.elevationDeg()).isBetween(-90.0, 90.0);
      // perihelion 0.983 au, aphelion 1.017 au, +- the Earth-Moon distance 0.0027 au
      assertThat(h.distanceM() / SolarPosition.AU_M).isBetween(0.979, 1.021);
    }
  }

  /** The Sun's vector from the Moon's centre has the Sun's distance; its direction is a unit vector on the sky. */
  @Property
  void theSelenocentricSunIsOneAuAwayAndItsLatitudeWithinTheTilt(@ForAll("instants") Instant t) {
    Vector3 sun = LunarSky.sunFromMoonCentreM(t, LunarRotationModel.IAU_2009);
    assertThat(sun.unit().norm()).isCloseTo(1, within(1e-12));
    assertThat(sun.norm() / SolarPosition.AU_M).isBetween(0.979, 1.021);
    assertThat(Math.abs(Math.toDegrees(sun.latitudeRad()))).isLessThan(1.54 + 0.1);
  }

  /**
   * Elevation = 90° - the arc from the site to the subsolar point, within the Sun's parallax across
   * the Moon (1737 km / 1 au = 0.0007°), whichever way the elevation is computed.
   */
  @Property
  void elevationIsNinetyMinusTheArcToTheSubsolarPoint(@ForAll("lunarSites") LunarSite site, @ForAll("instants") Instant t) {
    Vector3 sun = LunarSky.sunFromMoonCentreM(t, LunarRotationModel.IAU_2009).unit();
    Vector3 up = Vector3.fromSpherical(Math.toRadians(site.lonDeg()), Math.toRadians(site.latDeg()), 1);
    double arcDeg = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, sun.dot(up)))));
    assertThat(SunEphemeris.at(site).sunAt(t).elevationDeg()).isCloseTo(90 - arcDeg, within(0.001));
  }

  /** Antipodes see the Sun at opposite elevations (within twice the parallax across the body). */
  @Property
  void antipodesSeeOppositeElevations(@ForAll("lunarSites") LunarSite site, @ForAll("instants") Instant t) {
    LunarSite antipode = new LunarSite(-site.latDeg(), site.lonDeg() >= 180 ? site.lonDeg() - 180 : site.lonDeg() + 180,
        site.heightM());
    double here = SunEphemeris.at(site).sunAt(t).elevationDeg();
    double there = SunEphemeris.at(antipode).sunAt(t).elevationDeg();
    assertThat(here + there).isCloseTo(0, within(0.002));
  }

  /**
   * The Sun moves smoothly: in one minute at most 360° / 29.5 d (0.0085°) on the Moon and 360° /
   * 1 d (0.25°) on the Earth, plus a little for the orbits.
   */
  @Property
  void theSunMovesContinuously(@ForAll("lunarSites") LunarSite moon, @ForAll("earthSites") EarthSite earth,
      @ForAll("instants") Instant t) {
    Instant later = t.plus(Duration.ofMinutes(1));
    SunEphemeris onMoon = SunEphemeris.at(moon);
    SunEphemeris onEarth = SunEphemeris.at(earth);
    assertThat(onMoon.sunAt(t).angleTo(onMoon.sunAt(later))).isLessThan(0.0095);
    assertThat(onEarth.sunAt(t).angleTo(onEarth.sunAt(later))).isLessThan(0.26);
  }

  /**
   * Refraction only lifts the Sun, never moves it in azimuth, and at most by its value at the floor
   * (0.62° in standard air, where the Sun's upper limb touches the refracted horizon).
   */
  @Property
  void refractionLiftsOnly(@ForAll("earthSites") EarthSite site, @ForAll("instants") Instant t) {
    Horizontal geometric = SunEphemeris.at(site).sunAt(t);
    Horizontal apparent = SunEphemeris.apparentAt(site, Atmosphere.standard()).sunAt(t);
    assertThat(apparent.azimuthDeg()).isEqualTo(geometric.azimuthDeg());
    double most = Atmosphere.standard().refractionDeg(Atmosphere.REFRACTION_FLOOR_DEG);
    assertThat(most).isBetween(0.6, 0.65);
    assertThat(apparent.elevationDeg() - geometric.elevationDeg()).isBetween(0.0, most);
  }
}
