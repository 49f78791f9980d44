package space.lunarbase.fsw.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** The checks configuration records share; each throws {@link InvalidConfigException}. */
final class ConfigRules {

  /** Site and controller ids end up in MQTT topics: no '/', '+', '#' or spaces. */
  static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

  private ConfigRules() {}

  static String id(String key, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new InvalidConfigException(key, value, "use 1 to 64 of a-z, 0-9 and '-'");
    }
    return value;
  }

  static Duration period(String key, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidConfigException(key, value, "use a duration from " + min + " to " + max + " (e.g. 1s, 100ms)");
    }
    return value;
  }

  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidConfigException(key, value, "use a whole number from " + min + " to " + max);
    }
    return value;
  }
}
