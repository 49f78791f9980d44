package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds every on/off setting to {@code true} or {@code false}. Micronaut reads any other word as
 * {@code false}, so {@code --lunarbase.link.store-and-forward.enabled=ture} would quietly switch
 * the journal off; this stops the start instead, naming the key. The on/off settings are those
 * whose value in the firmware's own {@code application.yml} is a boolean, so a new one is covered
 * without being listed here.
 */
@Context
public final class FlagSettings {

  private static final Set<String> WORDS = Set.of("true", "false");

  FlagSettings(Environment environment) {
    Set<String> flags = new TreeSet<>();
    for (PropertySource source : environment.getPropertySources()) {
      for (String key : source) {
        if ((key.startsWith("lunarbase.") || key.startsWith("hal.")) && source.get(key) instanceof Boolean) {
          flags.add(key);
        }
      }
    }
    for (String key : flags) {
      String value = environment.getProperty(key, String.class).orElse("");
      if (!WORDS.contains(value.trim().toLowerCase(Locale.ROOT))) {
        throw new InvalidConfigException(key, value, "use true or false");
      }
    }
  }
}
