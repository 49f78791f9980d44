package space.lunarbase.ephemeris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** UTC to TT from the leap seconds of IERS Bulletin C (TAI - UTC), TT = TAI + 32.184 s. */
class TimeScaleTest {

  @Test
  void leapSecondsStepTtMinusUtc() {
    assertThat(TimeScale.ttMinusUtcSeconds(Instant.parse("1972-01-01T00:00:00Z"))).isEqualTo(42.184);
    assertThat(TimeScale.ttMinusUtcSeconds(Instant.parse("1992-04-12T00:00:00Z"))).isEqualTo(58.184);
    assertThat(TimeScale.ttMinusUtcSeconds(Instant.parse("2016-12-31T23:59:59Z"))).isEqualTo(68.184);
    assertThat(TimeScale.ttMinusUtcSeconds(Instant.parse("2017-01-01T00:00:00Z"))).isEqualTo(69.184);
    assertThat(TimeScale.ttMinusUtcSeconds(Instant.parse("2140-01-01T00:00:00Z"))).isEqualTo(69.184);
    assertThat(TimeScale.ttMinusUtcSeconds(Instant.parse("1960-01-01T00:00:00Z"))).isEqualTo(42.184);
  }

  @Test
  void j2000IsJulianDate2451545InTt() {
    // J2000.0 = 2000-01-01 12:00 TT = 11:58:55.816 UTC (TT - UTC = 64.184 s in 2000)
    assertThat(TimeScale.julianDateTt(Instant.parse("2000-01-01T11:58:55.816Z"))).isCloseTo(2451545.0,
        org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void instantsOutsideTheRangeAreRefusedWithTheRange() {
    assertThatThrownBy(() -> TimeScale.ttMinusUtcSeconds(Instant.parse("1949-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("utc 1949-12-31T23:59:59Z is outside the ephemeris's range [1950-01-01T00:00:00Z, 2150-01-01T00:00:00Z)");
    assertThatThrownBy(() -> SunEphemeris.at(new LunarSite(0, 0, 0)).sunAt(TimeScale.LATEST))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the ephemeris's range");
    assertThatThrownBy(() -> SunEphemeris.at(new EarthSite(0, 0, 0)).sunAt(null))
        .isInstanceOf(NullPointerException.class).hasMessage("utc");
  }
}
