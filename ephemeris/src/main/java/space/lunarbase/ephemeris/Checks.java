package space.lunarbase.ephemeris;

/** Argument checks whose messages name the field and its allowed range. */
final class Checks {

  private Checks() {}

  /** Checks that {@code value} is within [min, max] (so not NaN). */
  static void within(String type, String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(type + "." + field + " must be within [" + min + ", " + max + "], was " + value);
    }
  }
}
