package space.lunarbase.ephemeris;

/**
 * A place on the Moon in selenographic (planetocentric) coordinates of the mean Earth/polar axis
 * (ME) frame, the frame of lunar maps (LOLA, LRO) and of the IAU rotation model (see
 * {@link LunarRotationModel}): latitude from the lunar equator, longitude east from the mean
 * sub-Earth meridian, height above the IAU reference sphere of radius {@link #MOON_RADIUS_M}. The
 * local horizon is the plane perpendicular to the radius (the sphere's, not the terrain's).
 *
 * @param latDeg selenographic latitude, -90..90
 * @param lonDeg selenographic east longitude, -180..360
 * @param heightM height above the 1737.4 km sphere, -20 000..20 000 m (the Moon's relief spans about
 *     -9 km to +11 km)
 */
public record LunarSite(double latDeg, double lonDeg, double heightM) implements Site {

  /** The IAU mean radius of the Moon, metres (Archinal et al. 2011). */
  public static final double MOON_RADIUS_M = 1_737_400;

  public LunarSite {
    Checks.within("LunarSite", "latDeg", latDeg, -90, 90);
    Checks.within("LunarSite", "lonDeg", lonDeg, -180, 360);
    Checks.within("LunarSite", "heightM", heightM, -20_000, 20_000);
  }
}
