package space.lunarbase.ephemeris;

/**
 * A direction in an observer's local sky, and how far away the body is.
 *
 * @param azimuthDeg clockwise from north (north 0, east 90), [0, 360). At a pole, where every
 *     direction is north or south, "north" is taken as the direction along the site's own meridian
 *     away from the pole for the south pole, and towards longitude lon+180 for the north pole (the
 *     limit of the usual north as the latitude tends to the pole along that meridian)
 * @param elevationDeg above the local horizontal plane, -90..90
 * @param distanceM from the observer to the body's centre, metres
 */
public record Horizontal(double azimuthDeg, double elevationDeg, double distanceM) {

  public Horizontal {
    if (!(azimuthDeg >= 0 && azimuthDeg < 360) || !(elevationDeg >= -90 && elevationDeg <= 90)
        || !(distanceM > 0)) {
      throw new IllegalArgumentException("Horizontal: azimuthDeg in [0, 360), elevationDeg in [-90, 90], distanceM > 0;"
          + " were " + azimuthDeg + ", " + elevationDeg + ", " + distanceM);
    }
  }

  /** From a topocentric vector in local east, north, up components (any unit, distance in metres given). */
  static Horizontal fromEastNorthUp(double east, double north, double up, double distanceM) {
    double az = Angles.normalize(Math.toDegrees(Math.atan2(east, north)));
    double el = Math.toDegrees(Math.atan2(up, Math.hypot(east, north)));
    return new Horizontal(az, el, distanceM);
  }

  /** The angle between this direction and {@code other}, 0..180 degrees (distance ignored). */
  public double angleTo(Horizontal other) {
    double a1 = Math.toRadians(azimuthDeg);
    double e1 = Math.toRadians(elevationDeg);
    double a2 = Math.toRadians(other.azimuthDeg);
    double e2 = Math.toRadians(other.elevationDeg);
    double cos = Math.sin(e1) * Math.sin(e2) + Math.cos(e1) * Math.cos(e2) * Math.cos(a1 - a2);
    double sin = Math.hypot(Math.cos(e2) * Math.sin(a1 - a2),
        Math.cos(e1) * Math.sin(e2) - Math.sin(e1) * Math.cos(e2) * Math.cos(a1 - a2));
    return Math.toDegrees(Math.atan2(sin, cos));
  }
}
