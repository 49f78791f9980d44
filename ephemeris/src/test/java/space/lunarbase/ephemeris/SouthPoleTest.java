package space.lunarbase.ephemeris;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Near the lunar south pole the Sun circles the horizon once per synodic month. The geometry bounds
 * its elevation: the site is 90 - |lat| from the pole, the lunar equator is tilted 1.54° to the
 * ecliptic (so the Sun's selenographic latitude swings +-1.54° over an eclipse year of 346.6 d),
 * and the physical libration (under 0.05°) and the Moon's 5° excursions from the ecliptic (the Sun
 * seen from the Moon then leaves the ecliptic by up to 0.013°) add a little:
 * |el| <= 90 - |lat| + 1.54° + 0.1°.
 *
 * <p>Sense of rotation: the Moon turns eastward (counter-clockwise seen from above its north pole),
 * so at any site the Sun moves from east towards west; at the south pole that is east, north,
 * west, south: the azimuth (clockwise from north) <b>decreases</b>, by 360° per synodic month.
 */
class SouthPoleTest {

  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  static final double CASSINI_INCLINATION_DEG = 1.54;
  static final double LIBRATION_ALLOWANCE_DEG = 0.1;

  @ParameterizedTest
  @ValueSource(doubles = {-89.5, -89.9})
  void overAMonthTheSunCirclesOnceClockwiseDecreasingWithinItsElevationBound(double lat) {
    SunEphemeris sun = SunEphemeris.at(new LunarSite(lat, 45, 0));
    double bound = 90 - Math.abs(lat) + CASSINI_INCLINATION_DEG + LIBRATION_ALLOWANCE_DEG;
    double previous = sun.sunAt(START).azimuthDeg();
    double turned = 0;
    Duration oneTurn = null;
    for (int hour = 1; hour <= 31 * 24; hour++) {
      Instant t = START.plus(Duration.ofHours(hour));
      Horizontal h = sun.sunAt(t);
      assertThat(Math.abs(h.elevationDeg())).as("elevation at %s", t).isLessThanOrEqualTo(bound);
      double step = h.azimuthDeg() - previous;
      step -= 360 * Math.floor((step + 180) / 360);
      assertThat(step).as("azimuth step at %s", t).isNegative().isGreaterThan(-1.0);
      turned += step;
      previous = h.azimuthDeg();
      if (oneTurn == null && turned <= -360) {
        oneTurn = Duration.ofHours(hour);
      }
    }
    assertThat(oneTurn).isNotNull();
    assertThat(oneTurn.toMinutes() / 1440.0).isBetween(29.53 - 0.5, 29.53 + 0.5);
  }

  /** Over an eclipse year the bound is reached: the 1.54° tilt is in the answer, not just allowed by the test. */
  @ParameterizedTest
  @ValueSource(doubles = {-89.5, -89.9})
  void overAYearTheElevationSwingsToTheBound(double lat) {
    SunEphemeris sun = SunEphemeris.at(new LunarSite(lat, 45, 0));
    double highest = -90;
    double lowest = 90;
    for (int halfDay = 0; halfDay < 2 * 366; halfDay++) {
      double el = sun.sunAt(START.plus(Duration.ofHours(12L * halfDay))).elevationDeg();
      highest = Math.max(highest, el);
      lowest = Math.min(lowest, el);
    }
    double geometric = 90 - Math.abs(lat) + CASSINI_INCLINATION_DEG;
    assertThat(highest).isBetween(geometric - 0.1, geometric + LIBRATION_ALLOWANCE_DEG);
    assertThat(lowest).isBetween(-geometric - LIBRATION_ALLOWANCE_DEG, -geometric + 0.1);
  }

  /**
   * Libration matters at the pole. The physical libration (IAU terms E3..E13) moves the Sun's
   * direction by a few hundredths of a degree (more than six times the IAU model's own 0.005°
   * precision); the Cassini precession of the pole (the E1, E2 terms) by more than a degree.
   */
  @Test
  void librationChangesTheSunMeasurably() {
    LunarSite site = new LunarSite(-89.5, 45, 0);
    SunEphemeris full = SunEphemeris.at(site);
    SunEphemeris noPhysical = SunEphemeris.at(site, LunarRotationModel.WITHOUT_PHYSICAL_LIBRATION);
    SunEphemeris uniform = SunEphemeris.at(site, LunarRotationModel.UNIFORM_ROTATION);
    double physical = 0;
    double precession = 0;
    for (int hour = 0; hour <= 30 * 24; hour += 6) {
      Instant t = START.plus(Duration.ofHours(hour));
      Horizontal h = full.sunAt(t);
      physical = Math.max(physical, h.angleTo(noPhysical.sunAt(t)));
      precession = Math.max(precession, Math.abs(h.elevationDeg() - uniform.sunAt(t).elevationDeg()));
    }
    assertThat(physical).isBetween(0.02, 0.1);
    assertThat(precession).isGreaterThan(1.0);
  }
}
