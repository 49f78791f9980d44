package space.lunarbase.ephemeris;

/**
 * A place on the Earth (a tracker test rig) in WGS84 geodetic coordinates: latitude of the
 * ellipsoid normal, longitude east of Greenwich, height above the ellipsoid. The local horizon is
 * the plane perpendicular to the ellipsoid normal (polar motion, under 0.5", is ignored).
 *
 * @param latDeg geodetic latitude, -90..90
 * @param lonDeg longitude, east positive, -180..360
 * @param heightM height above the WGS84 ellipsoid, -1 000..20 000 m
 */
public record EarthSite(double latDeg, double lonDeg, double heightM) implements Site {

  /** WGS84 semi-major axis, metres. */
  static final double A_M = 6_378_137.0;
  /** WGS84 flattening. */
  static final double F = 1 / 298.257223563;

  public EarthSite {
    Checks.within("EarthSite", "latDeg", latDeg, -90, 90);
    Checks.within("EarthSite", "lonDeg", lonDeg, -180, 360);
    Checks.within("EarthSite", "heightM", heightM, -1_000, 20_000);
  }

  /** This site in Earth-fixed Cartesian coordinates, metres. */
  Vector3 earthFixedM() {
    double lat = Math.toRadians(latDeg);
    double lon = Math.toRadians(lonDeg);
    double e2 = F * (2 - F);
    double sinLat = Math.sin(lat);
    double n = A_M / Math.sqrt(1 - e2 * sinLat * sinLat);
    double r = (n + heightM) * Math.cos(lat);
    return new Vector3(r * Math.cos(lon), r * Math.sin(lon), (n * (1 - e2) + heightM) * sinLat);
  }
}
