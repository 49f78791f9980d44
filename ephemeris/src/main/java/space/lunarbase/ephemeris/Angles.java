package space.lunarbase.ephemeris;

/** Degree helpers. */
final class Angles {

  static final double ARCSEC = 1.0 / 3600;

  private Angles() {}

  /** {@code deg} reduced to [0, 360). */
  static double normalize(double deg) {
    double r = deg % 360;
    r = r < 0 ? r + 360 : r;
    return r >= 360 ? 0 : r;
  }

  static double sinDeg(double deg) {
    return Math.sin(Math.toRadians(deg));
  }

  static double cosDeg(double deg) {
    return Math.cos(Math.toRadians(deg));
  }
}
