package space.lunarbase.ephemeris;

import java.time.Instant;

/** The Sun in one site's sky: the computation behind {@link SunEphemeris}. */
sealed interface LocalSky permits LunarSky, EarthSky {

  Horizontal sunAt(Instant utc);

  /**
   * A topocentric vector in the local east/north/up frame of a site at latitude {@code latDeg} and
   * longitude {@code lonDeg} whose "up" is the given normal direction, as an azimuth and elevation.
   */
  static Horizontal toHorizontal(Vector3 topocentric, double latDeg, double lonDeg) {
    double lat = Math.toRadians(latDeg);
    double lon = Math.toRadians(lonDeg);
    double sinLat = Math.sin(lat);
    double cosLat = Math.cos(lat);
    double sinLon = Math.sin(lon);
    double cosLon = Math.cos(lon);
    double x = topocentric.x();
    double y = topocentric.y();
    double z = topocentric.z();
    double east = -sinLon * x + cosLon * y;
    double north = -sinLat * cosLon * x - sinLat * sinLon * y + cosLat * z;
    double up = cosLat * cosLon * x + cosLat * sinLon * y + sinLat * z;
    return Horizontal.fromEastNorthUp(east, north, up, topocentric.norm());
  }
}
