package space.lunarbase.hal.sim;

/**
 * A direction in the local sky.
 *
 * @param azimuthDeg clockwise from north, any real value (taken modulo 360)
 * @param elevationDeg above the horizon, -90..90
 */
public record SkyDirection(double azimuthDeg, double elevationDeg) {

  /** The angle between this direction and {@code other}, 0..180 degrees. */
  public double angleTo(SkyDirection other) {
    double[] a = unit();
    double[] b = other.unit();
    double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
  }

  private double[] unit() {
    double az = Math.toRadians(azimuthDeg);
    double el = Math.toRadians(elevationDeg);
    return new double[] {Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)};
  }
}
