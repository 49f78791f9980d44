package space.lunarbase.ephemeris;

/** Where an observer stands: on the Moon or on the Earth. */
public sealed interface Site permits LunarSite, EarthSite {

  /** Latitude, degrees, -90..90 (north positive). */
  double latDeg();

  /** Longitude, degrees, east positive. */
  double lonDeg();

  /** Height above the reference surface, metres. */
  double heightM();

  /** Checks one coordinate; the message names the field and its allowed range. */
  static void check(String type, String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(type + "." + field + " must be within [" + min + ", " + max + "], was " + value);
    }
  }
}
