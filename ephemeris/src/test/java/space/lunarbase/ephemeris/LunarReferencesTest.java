package space.lunarbase.ephemeris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Sun from the Moon against J. Meeus, <i>Astronomical Algorithms</i>, 2nd ed., ch. 53
 * "Ephemeris for Physical Observations of the Moon", examples 53.a to 53.c (the published values,
 * as also reproduced by the Go package soniakeys/meeus in {@code moon.ExamplePhysical},
 * {@code ExampleSunAltitude} and {@code ExampleSunrise}).
 *
 * <p>Meeus's selenographic frame (Cassini's laws with I = 1.54242° plus Eckhardt's physical
 * librations) and the IAU 2009 mean Earth frame used here are two realisations of the same mean
 * Earth/polar axis system; they agree to about 0.01° here. The examples are given in TD (TT); in
 * April 1992 TT - UTC = 32.184 s + 26 s (IERS Bulletin C: TAI - UTC = 26 s from 1991-01-01 to
 * 1992-07-01), so 0h TD is 23:59:01.816 UTC the day before.
 */
class LunarReferencesTest {

  static final Duration TT_MINUS_UTC_1992 = Duration.ofMillis(58_184);
  static final Instant APRIL_12_1992_0H_TD = Instant.parse("1992-04-12T00:00:00Z").minus(TT_MINUS_UTC_1992);

  /** Example 53.a, 1992 April 12.0 TD: the selenographic position of the Sun l0 = 67.90°, b0 = +1.46°. */
  @Test
  void example53aTheSubsolarPoint() {
    Vector3 sun = LunarSky.sunFromMoonCentreM(APRIL_12_1992_0H_TD, LunarRotationModel.IAU_2009);

    assertThat(Math.toDegrees(sun.longitudeRad())).isCloseTo(67.90, within(0.02));
    assertThat(Math.toDegrees(sun.latitudeRad())).isCloseTo(1.46, within(0.02));
  }

  /**
   * Example 53.b: the Sun's altitude at the crater Copernicus (selenographic longitude -20°,
   * latitude +9.7°) on 1992 April 12.0 TD is +2.318°. The Sun rises there, so it stands in the east.
   */
  @Test
  void example53bTheSunAtCopernicus() {
    Horizontal sun = SunEphemeris.at(new LunarSite(9.7, -20, 0)).sunAt(APRIL_12_1992_0H_TD);

    assertThat(sun.elevationDeg()).isCloseTo(2.318, within(0.02));
    assertThat(sun.azimuthDeg()).isBetween(80.0, 100.0);
    assertThat(sun.distanceM() / SolarPosition.AU_M).isBetween(0.98, 1.02);
  }

  /**
   * Example 53.c: sunrise at Copernicus, the first after 1992 April 15.0 TD going backwards, is on
   * 1992 April 11.8069 TD (19:21:56 TD). The Sun climbs there at about 0.5° an hour, so 0.02° of
   * elevation is about 2.5 minutes.
   */
  @Test
  void example53cSunriseAtCopernicus() {
    SunEphemeris copernicus = SunEphemeris.at(new LunarSite(9.7, -20, 0));
    Instant below = Instant.parse("1992-04-11T12:00:00Z");
    Instant above = Instant.parse("1992-04-12T00:00:00Z");
    assertThat(copernicus.sunAt(below).elevationDeg()).isNegative();
    assertThat(copernicus.sunAt(above).elevationDeg()).isPositive();
    while (Duration.between(below, above).toMillis() > 1000) {
      Instant mid = below.plus(Duration.between(below, above).dividedBy(2));
      if (copernicus.sunAt(mid).elevationDeg() < 0) {
        below = mid;
      } else {
        above = mid;
      }
    }
    Instant publishedUtc = Instant.parse("1992-04-11T00:00:00Z").plusMillis(Math.round(0.8069 * 86_400_000))
        .minus(TT_MINUS_UTC_1992);
    assertThat(Duration.between(publishedUtc, below).abs()).isLessThan(Duration.ofMinutes(3));
  }
}
