package space.lunarbase.ephemeris;

/** Where an observer stands: on the Moon or on the Earth. */
public sealed interface Site permits LunarSite, EarthSite {

  /** Latitude, degrees, -90..90 (north positive). */
  double latDeg();

  /** Longitude, degrees, east positive. */
  double lonDeg();

  /** Height above the reference surface, metres. */
  double heightM();
}
