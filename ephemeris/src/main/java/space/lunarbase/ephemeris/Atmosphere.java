package space.lunarbase.ephemeris;

/**
 * The air at an Earth site, for atmospheric refraction. Refraction lifts the Sun by Saemundsson's
 * formula (J. Meeus, <i>Astronomical Algorithms</i>, 2nd ed., eq. 16.4, the form NREL's SPA also
 * uses): R = 1.02' / tan(h + 10.3 / (h + 5.11)) x (P / 1010) x (283 / (273 + T)), h the geometric
 * elevation in degrees (half a degree at the horizon, under 0.02 degrees above 45 degrees; the real
 * refraction near the horizon varies with the weather by more than the formula's error). Refraction is applied only while the Sun's centre is above
 * {@link #REFRACTION_FLOOR_DEG} (its upper limb on the refracted horizon, as in SPA); below it the
 * apparent elevation is the geometric one.
 *
 * @param pressureHpa air pressure at the site, 1..1200 hPa (mbar)
 * @param temperatureC air temperature, -90..70 degrees Celsius
 */
public record Atmosphere(double pressureHpa, double temperatureC) {

  /** Geometric elevation below which no refraction is applied: -(0.26667 + 0.5667) degrees. */
  public static final double REFRACTION_FLOOR_DEG = -(0.26667 + 0.5667);

  public Atmosphere {
    Checks.within("Atmosphere", "pressureHpa", pressureHpa, 1, 1200);
    Checks.within("Atmosphere", "temperatureC", temperatureC, -90, 70);
  }

  /** The standard air of the formula: 1010 hPa, 10 degrees C. */
  public static Atmosphere standard() {
    return new Atmosphere(1010, 10);
  }

  /** The refraction at geometric elevation {@code elevationDeg}, degrees (0 below the floor). */
  public double refractionDeg(double elevationDeg) {
    if (elevationDeg < REFRACTION_FLOOR_DEG) {
      return 0;
    }
    double arcmin = 1.02 / Math.tan(Math.toRadians(elevationDeg + 10.3 / (elevationDeg + 5.11)));
    return Math.max(0, arcmin / 60 * (pressureHpa / 1010) * (283 / (273 + temperatureC)));
  }
}
