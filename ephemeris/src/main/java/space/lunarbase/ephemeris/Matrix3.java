package space.lunarbase.ephemeris;

/**
 * A 3x3 matrix (row-major), used for frame rotations. {@link #r1}, {@link #r2}, {@link #r3} are the
 * frame rotations of the Explanatory Supplement to the Astronomical Almanac: R3(a) turns the axes
 * by +a about z, so a fixed vector's coordinates turn by -a.
 */
record Matrix3(double a11, double a12, double a13, double a21, double a22, double a23, double a31, double a32,
    double a33) {

  static Matrix3 r1(double rad) {
    double c = Math.cos(rad);
    double s = Math.sin(rad);
    return new Matrix3(1, 0, 0, 0, c, s, 0, -s, c);
  }

  static Matrix3 r2(double rad) {
    double c = Math.cos(rad);
    double s = Math.sin(rad);
    return new Matrix3(c, 0, -s, 0, 1, 0, s, 0, c);
  }

  static Matrix3 r3(double rad) {
    double c = Math.cos(rad);
    double s = Math.sin(rad);
    return new Matrix3(c, s, 0, -s, c, 0, 0, 0, 1);
  }

  Vector3 apply(Vector3 v) {
    return new Vector3(a11 * v.x() + a12 * v.y() + a13 * v.z(), a21 * v.x() + a22 * v.y() + a23 * v.z(),
        a31 * v.x() + a32 * v.y() + a33 * v.z());
  }

  /** This matrix's transpose: the inverse rotation. */
  Matrix3 transpose() {
    return new Matrix3(a11, a21, a31, a12, a22, a32, a13, a23, a33);
  }

  /** {@code this × o}: apply {@code o} first, then this. */
  Matrix3 times(Matrix3 o) {
    return new Matrix3(
        a11 * o.a11 + a12 * o.a21 + a13 * o.a31, a11 * o.a12 + a12 * o.a22 + a13 * o.a32,
        a11 * o.a13 + a12 * o.a23 + a13 * o.a33,
        a21 * o.a11 + a22 * o.a21 + a23 * o.a31, a21 * o.a12 + a22 * o.a22 + a23 * o.a32,
        a21 * o.a13 + a22 * o.a23 + a23 * o.a33,
        a31 * o.a11 + a32 * o.a21 + a33 * o.a31, a31 * o.a12 + a32 * o.a22 + a33 * o.a32,
        a31 * o.a13 + a32 * o.a23 + a33 * o.a33);
  }
}
