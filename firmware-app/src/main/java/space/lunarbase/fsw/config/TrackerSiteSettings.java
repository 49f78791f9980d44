package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Locale;
import space.lunarbase.ephemeris.EarthSite;
import space.lunarbase.ephemeris.LunarSite;
import space.lunarbase.ephemeris.Site;

/**
 * Where the solar tracker stands, for its Sun ephemeris ({@code lunarbase.tracker.site.*}): on the
 * Moon (selenographic latitude, east longitude, height above the 1737.4 km sphere, mean Earth
 * frame) or on the Earth (a test rig: WGS84 geodetic latitude, longitude, height). Checked when
 * the firmware starts; a bad value stops it with one line naming the key.
 *
 * @param body {@code moon} or {@code earth}
 * @param latitudeDeg degrees, -90..90 (south negative)
 * @param longitudeDeg degrees east, -180..360
 * @param heightM metres
 */
@ConfigurationProperties("lunarbase.tracker.site")
public record TrackerSiteSettings(String body, Double latitudeDeg, Double longitudeDeg, Double heightM) {

  static final String KEY = "lunarbase.tracker.site";

  public TrackerSiteSettings {
    site(body, latitudeDeg, longitudeDeg, heightM);
  }

  /** The site as the ephemeris takes it. */
  public Site site() {
    return site(body, latitudeDeg, longitudeDeg, heightM);
  }

  private static Site site(String body, Double latitudeDeg, Double longitudeDeg, Double heightM) {
    String which = body == null ? null : body.strip().toLowerCase(Locale.ROOT);
    if (!"moon".equals(which) && !"earth".equals(which)) {
      throw new InvalidConfigException(KEY + ".body", body, "allowed values are moon, earth");
    }
    double lat = required(KEY + ".latitude-deg", latitudeDeg);
    double lon = required(KEY + ".longitude-deg", longitudeDeg);
    double height = required(KEY + ".height-m", heightM);
    try {
      return "moon".equals(which) ? new LunarSite(lat, lon, height) : new EarthSite(lat, lon, height);
    } catch (IllegalArgumentException e) {
      // "LunarSite.latDeg must be within [-90.0, 90.0], was -95.0": name the key instead of the field
      String detail = e.getMessage().replaceFirst("^(LunarSite|EarthSite)\\.", "")
          .replaceFirst("^latDeg", "latitude-deg").replaceFirst("^lonDeg", "longitude-deg")
          .replaceFirst("^heightM", "height-m");
      throw new InvalidConfigException(KEY, detail + " (body " + which + ")");
    }
  }

  private static double required(String key, Double value) {
    if (value == null || !Double.isFinite(value)) {
      throw new InvalidConfigException(key, value, "give a finite number");
    }
    return value;
  }
}
