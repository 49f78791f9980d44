package space.lunarbase.fsw.app.tracker;

/** Angles between directions in the local sky. */
final class SkyAngles {

  private SkyAngles() {}

  /** The angle between (az1, el1) and (az2, el2), degrees, 0..180 (atan2 form: exact for small angles). */
  static double between(double az1Deg, double el1Deg, double az2Deg, double el2Deg) {
    double a1 = Math.toRadians(az1Deg);
    double e1 = Math.toRadians(el1Deg);
    double a2 = Math.toRadians(az2Deg);
    double e2 = Math.toRadians(el2Deg);
    double cos = Math.sin(e1) * Math.sin(e2) + Math.cos(e1) * Math.cos(e2) * Math.cos(a1 - a2);
    double sin = Math.hypot(Math.cos(e2) * Math.sin(a1 - a2),
        Math.cos(e1) * Math.sin(e2) - Math.sin(e1) * Math.cos(e2) * Math.cos(a1 - a2));
    return Math.toDegrees(Math.atan2(sin, cos));
  }
}
