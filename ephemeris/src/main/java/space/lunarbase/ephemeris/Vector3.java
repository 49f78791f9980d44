package space.lunarbase.ephemeris;

/** A Cartesian vector, any unit; immutable. */
record Vector3(double x, double y, double z) {

  /** The unit vector at longitude {@code lonRad} east of the x axis and latitude {@code latRad}. */
  static Vector3 fromSpherical(double lonRad, double latRad, double length) {
    double c = Math.cos(latRad);
    return new Vector3(length * c * Math.cos(lonRad), length * c * Math.sin(lonRad), length * Math.sin(latRad));
  }

  Vector3 minus(Vector3 o) {
    return new Vector3(x - o.x, y - o.y, z - o.z);
  }

  Vector3 times(double k) {
    return new Vector3(x * k, y * k, z * k);
  }

  double dot(Vector3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  double norm() {
    return Math.sqrt(x * x + y * y + z * z);
  }

  Vector3 unit() {
    return times(1 / norm());
  }

  /** Latitude above the x-y plane, radians. */
  double latitudeRad() {
    return Math.atan2(z, Math.hypot(x, y));
  }

  /** Longitude from the x axis towards the y axis, radians, -pi..pi. */
  double longitudeRad() {
    return Math.atan2(y, x);
  }
}
