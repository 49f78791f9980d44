package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import space.lunarbase.fsw.core.rate.RateGroupSpec;

/**
 * The rate groups, from {@code lunarbase.rate-groups}: one entry per group, its name and rate,
 * e.g. {@code fast: 100Hz}, {@code slow: 1Hz} ({@code Hz} or {@code kHz}; 0.01 Hz to 10 kHz).
 * Fastest first.
 *
 * @param groups at least one
 */
public record RateGroupSettings(List<RateGroupSpec> groups) {

  /** The configuration key. */
  public static final String KEY = "lunarbase.rate-groups";

  private static final Pattern RATE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(hz|khz)?\\s*");
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

  public RateGroupSettings {
    groups = List.copyOf(groups);
  }

  /** Parses {@code name -> rate} entries; a bad one throws {@link InvalidConfigException} naming its key. */
  public static RateGroupSettings parse(Map<String, ?> entries) {
    if (entries.isEmpty()) {
      throw new InvalidConfigException(KEY, "define at least one rate group, e.g. " + KEY + ".slow=1Hz");
    }
    List<RateGroupSpec> groups = new ArrayList<>();
    entries.forEach((name, value) -> {
      if (!NAME.matcher(name).matches()) {
        throw new InvalidConfigException(KEY, name, "a group name is 1 to 32 of a-z, 0-9 and '-'");
      }
      groups.add(new RateGroupSpec(name, rate(KEY + "." + name, value)));
    });
    groups.sort(Comparator.comparingDouble(RateGroupSpec::rateHz).reversed().thenComparing(RateGroupSpec::name));
    return new RateGroupSettings(groups);
  }

  private static double rate(String key, Object value) {
    Matcher m = value == null ? null : RATE.matcher(value.toString().toLowerCase(Locale.ROOT));
    if (m != null && m.matches()) {
      double hz = Double.parseDouble(m.group(1)) * ("khz".equals(m.group(2)) ? 1000 : 1);
      if (hz >= 0.01 && hz <= 10_000) {
        return hz;
      }
    }
    throw new InvalidConfigException(key, value, "use a rate from 0.01Hz to 10000Hz, e.g. 100Hz or 1kHz");
  }

  /** Reads {@code lunarbase.rate-groups} at start-up. */
  @Factory
  static final class FromEnvironment {

    @Singleton
    RateGroupSettings rateGroups(Environment environment) {
      return parse(environment.getProperties(KEY));
    }
  }
}
