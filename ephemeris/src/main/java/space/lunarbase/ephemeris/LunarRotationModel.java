package space.lunarbase.ephemeris;

/**
 * How the Moon's body-fixed frame is oriented in space: the IAU WGCCRE recommendation for the Moon
 * (B. A. Archinal et al., "Report of the IAU Working Group on Cartographic Coordinates and
 * Rotational Elements: 2009", Celest. Mech. Dyn. Astr. 109:101-135, 2011, table 2; unchanged from
 * the 2006 report and carried by the NAIF text kernel pck00010.tpc as BODY301_*), or parts of it to
 * show what each part is worth.
 *
 * <p>The pole's right ascension and declination and the prime meridian angle W, degrees, with d
 * days and T Julian centuries of TDB from J2000.0:
 *
 * <pre>
 *   alpha0 = 269.9949 + 0.0031 T - 3.8787 sin E1 - 0.1204 sin E2 + 0.0700 sin E3 - 0.0172 sin E4
 *            + 0.0072 sin E6 - 0.0052 sin E10 + 0.0043 sin E13
 *   delta0 =  66.5392 + 0.0130 T + 1.5419 cos E1 + 0.0239 cos E2 - 0.0278 cos E3 + 0.0068 cos E4
 *            - 0.0029 cos E6 + 0.0009 cos E7 + 0.0008 cos E10 - 0.0009 cos E13
 *   W      =  38.3213 + 13.17635815 d - 1.4e-12 d^2 + 3.5610 sin E1 + 0.1208 sin E2 - 0.0642 sin E3
 *            + 0.0158 sin E4 + 0.0252 sin E5 - 0.0066 sin E6 - 0.0047 sin E7 - 0.0046 sin E8
 *            + 0.0028 sin E9 + 0.0052 sin E10 + 0.0040 sin E11 + 0.0019 sin E12 - 0.0044 sin E13
 *   E1 = 125.045 - 0.0529921 d   E2 = 250.089 - 0.1059842 d   E3 = 260.008 + 13.0120009 d
 *   E4 = 176.625 + 13.3407154 d  E5 = 357.529 + 0.9856003 d   E6 = 311.589 + 26.4057084 d
 *   E7 = 134.963 + 13.0649930 d  E8 = 276.617 + 0.3287146 d   E9 =  34.226 + 1.7484877 d
 *   E10 = 15.134 - 0.1589763 d   E11 = 119.743 + 0.0036096 d  E12 = 239.961 + 0.1643573 d
 *   E13 = 25.053 + 12.9590088 d
 * </pre>
 *
 * E1 is the longitude of the lunar orbit's ascending node and E2 twice it: their terms carry the
 * Cassini precession of the pole, a circle of 1.54 degrees about the ecliptic pole every 18.6
 * years. E3 to E13 carry the physical libration (a few hundredths of a degree). The model stands
 * for the <b>mean Earth/polar axis (ME)</b> frame of the JPL ephemerides; the report gives its
 * precision as about 150 m on the surface (0.005 degrees). The principal axis (PA) frame of the
 * JPL lunar orientation differs from ME by a fixed rotation of about 104" (67.92", 78.56", 0.30"
 * about z, y, x for DE421: J. G. Williams et al., JPL IOM 335-JW,DB,WF-20080314-001, 2008), i.e.
 * 0.029 degrees or 875 m on the surface; lunar maps and site coordinates (LOLA, LRO) are ME.
 */
public enum LunarRotationModel {

  /** The whole IAU 2009 model: pole precession and physical libration. The default. */
  IAU_2009(true, true),
  /** IAU 2009 without the physical libration terms (E3 to E13): for studies, not for pointing. */
  WITHOUT_PHYSICAL_LIBRATION(true, false),
  /** Only the secular terms: a pole fixed near the ecliptic pole, uniform spin. For studies. */
  UNIFORM_ROTATION(false, false);

  private final boolean polePrecession;
  private final boolean physicalLibration;

  LunarRotationModel(boolean polePrecession, boolean physicalLibration) {
    this.polePrecession = polePrecession;
    this.physicalLibration = physicalLibration;
  }

  /**
   * The rotation from ICRF (J2000 mean equator, to 0.02") to the Moon's body-fixed frame at
   * {@code jdTt}: R3(W) R1(90 - delta0) R3(90 + alpha0).
   */
  Matrix3 icrfToBodyFixed(double jdTt) {
    double d = jdTt - TimeScale.JD_J2000;
    double t = d / 36525;
    double alpha = 269.9949 + 0.0031 * t;
    double delta = 66.5392 + 0.0130 * t;
    double w = 38.3213 + 13.17635815 * d - 1.4e-12 * d * d;
    if (polePrecession) {
      double e1 = rad(125.045 - 0.0529921 * d);
      double e2 = rad(250.089 - 0.1059842 * d);
      alpha += -3.8787 * Math.sin(e1) - 0.1204 * Math.sin(e2);
      delta += 1.5419 * Math.cos(e1) + 0.0239 * Math.cos(e2);
      w += 3.5610 * Math.sin(e1) + 0.1208 * Math.sin(e2);
    }
    if (physicalLibration) {
      double e3 = rad(260.008 + 13.0120009 * d);
      double e4 = rad(176.625 + 13.3407154 * d);
      double e5 = rad(357.529 + 0.9856003 * d);
      double e6 = rad(311.589 + 26.4057084 * d);
      double e7 = rad(134.963 + 13.0649930 * d);
      double e8 = rad(276.617 + 0.3287146 * d);
      double e9 = rad(34.226 + 1.7484877 * d);
      double e10 = rad(15.134 - 0.1589763 * d);
      double e11 = rad(119.743 + 0.0036096 * d);
      double e12 = rad(239.961 + 0.1643573 * d);
      double e13 = rad(25.053 + 12.9590088 * d);
      alpha += 0.0700 * Math.sin(e3) - 0.0172 * Math.sin(e4) + 0.0072 * Math.sin(e6) - 0.0052 * Math.sin(e10)
          + 0.0043 * Math.sin(e13);
      delta += -0.0278 * Math.cos(e3) + 0.0068 * Math.cos(e4) - 0.0029 * Math.cos(e6) + 0.0009 * Math.cos(e7)
          + 0.0008 * Math.cos(e10) - 0.0009 * Math.cos(e13);
      w += -0.0642 * Math.sin(e3) + 0.0158 * Math.sin(e4) + 0.0252 * Math.sin(e5) - 0.0066 * Math.sin(e6)
          - 0.0047 * Math.sin(e7) - 0.0046 * Math.sin(e8) + 0.0028 * Math.sin(e9) + 0.0052 * Math.sin(e10)
          + 0.0040 * Math.sin(e11) + 0.0019 * Math.sin(e12) - 0.0044 * Math.sin(e13);
    }
    return Matrix3.r3(rad(Angles.normalize(w))).times(Matrix3.r1(rad(90 - delta))).times(Matrix3.r3(rad(90 + alpha)));
  }

  private static double rad(double deg) {
    return Math.toRadians(deg % 360);
  }
}
