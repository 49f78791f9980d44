package space.lunarbase.ephemeris;

import java.time.Instant;
import java.util.Objects;

/**
 * From UTC to the time scales the ephemeris needs.
 *
 * <ul>
 *   <li><b>TT</b> (Terrestrial Time, the argument of the Sun, Moon and lunar orientation series;
 *       TDB differs from it by under 2 ms, which is ignored) = TAI + 32.184 s, and TAI - UTC comes
 *       from the table of leap seconds announced in IERS Bulletin C: 10 s from 1972-01-01 to 37 s
 *       from 2017-01-01. After the last entry TAI - UTC is held at 37 s: a leap second announced
 *       later and not yet in the table puts TT off by 1 s, which moves the Moon's rotation by
 *       0.00015 degrees. Before 1972 (back to 1950, where this class stops) TT - UTC is taken as
 *       42.184 s, within 13 s of the true TT - UT1 of 1950-1972 (about 29 to 42 s): at most 0.002
 *       degrees of lunar rotation.
 *   <li><b>UT1</b> (Earth rotation, for sidereal time) is taken equal to UTC: while leap seconds keep
 *       |UT1 - UTC| below 0.9 s, that is at most 0.004 degrees of Earth rotation.
 * </ul>
 *
 * <p>{@link Instant} itself has no leap seconds (java.time spreads each over the last part of its
 * day), so an instant inside a leap second is off by at most that one second.
 *
 * <p>Supported instants: {@link #EARLIEST} (inclusive) to {@link #LATEST} (exclusive), where the
 * truncated Sun and Moon series of Meeus keep their stated accuracy and the time scales above hold.
 */
public final class TimeScale {

  /** The first instant the ephemeris accepts: 1950-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("1950-01-01T00:00:00Z");
  /** The first instant past the ephemeris's range: 2150-01-01T00:00:00Z. */
  public static final Instant LATEST = Instant.parse("2150-01-01T00:00:00Z");

  /** The Julian date of the Unix epoch 1970-01-01T00:00:00. */
  static final double JD_UNIX_EPOCH = 2440587.5;
  /** The Julian date of J2000.0 (2000-01-01 12:00 TT). */
  static final double JD_J2000 = 2451545.0;

  private static final double TT_MINUS_TAI = 32.184;

  /** The UTC instants (epoch seconds) from which TAI - UTC took the next value, 10 s upwards. */
  private static final long[] LEAP_SECOND_STARTS = {
      epochSecond("1972-01-01"), epochSecond("1972-07-01"), epochSecond("1973-01-01"), epochSecond("1974-01-01"),
      epochSecond("1975-01-01"), epochSecond("1976-01-01"), epochSecond("1977-01-01"), epochSecond("1978-01-01"),
      epochSecond("1979-01-01"), epochSecond("1980-01-01"), epochSecond("1981-07-01"), epochSecond("1982-07-01"),
      epochSecond("1983-07-01"), epochSecond("1985-07-01"), epochSecond("1988-01-01"), epochSecond("1990-01-01"),
      epochSecond("1991-01-01"), epochSecond("1992-07-01"), epochSecond("1993-07-01"), epochSecond("1994-07-01"),
      epochSecond("1996-01-01"), epochSecond("1997-07-01"), epochSecond("1999-01-01"), epochSecond("2006-01-01"),
      epochSecond("2009-01-01"), epochSecond("2012-07-01"), epochSecond("2015-07-01"), epochSecond("2017-01-01")};

  private TimeScale() {}

  /**
   * TT - UTC at {@code utc}, seconds.
   *
   * @throws IllegalArgumentException outside [{@link #EARLIEST}, {@link #LATEST})
   */
  public static double ttMinusUtcSeconds(Instant utc) {
    checkRange(utc);
    long s = utc.getEpochSecond();
    if (s < LEAP_SECOND_STARTS[0]) {
      return TT_MINUS_TAI + 10;
    }
    int taiMinusUtc = 9;
    for (long start : LEAP_SECOND_STARTS) {
      if (s >= start) {
        taiMinusUtc++;
      } else {
        break;
      }
    }
    return TT_MINUS_TAI + taiMinusUtc;
  }

  /** The Julian date in TT of {@code utc}. */
  static double julianDateTt(Instant utc) {
    double ttMinusUtc = ttMinusUtcSeconds(utc);
    return julianDateUtc(utc) + ttMinusUtc / 86_400;
  }

  /** The Julian date in UT1 (taken equal to UTC) of {@code utc}. */
  static double julianDateUt1(Instant utc) {
    checkRange(utc);
    return julianDateUtc(utc);
  }

  /**
   * Checks that {@code utc} lies in the supported range.
   *
   * @throws IllegalArgumentException naming the range otherwise
   */
  static void checkRange(Instant utc) {
    Objects.requireNonNull(utc, "utc");
    if (utc.isBefore(EARLIEST) || !utc.isBefore(LATEST)) {
      throw new IllegalArgumentException(
          "utc " + utc + " is outside the ephemeris's range [" + EARLIEST + ", " + LATEST + ")");
    }
  }

  private static double julianDateUtc(Instant utc) {
    return JD_UNIX_EPOCH + (utc.getEpochSecond() + utc.getNano() / 1e9) / 86_400;
  }

  private static long epochSecond(String date) {
    return Instant.parse(date + "T00:00:00Z").getEpochSecond();
  }
}
