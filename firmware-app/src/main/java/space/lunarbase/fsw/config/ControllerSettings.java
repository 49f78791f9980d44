package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/**
 * Who this controller is and where it keeps its own state.
 *
 * @param site the site id, {@code lunarbase.site}
 * @param controller the controller id, {@code lunarbase.controller}
 * @param dataDir where the boot count (and later journal and parameters) live, {@code lunarbase.data-dir}
 */
@ConfigurationProperties("lunarbase")
public record ControllerSettings(String site, String controller, String dataDir) {

  public ControllerSettings {
    ConfigRules.id("lunarbase.site", site);
    ConfigRules.id("lunarbase.controller", controller);
    if (dataDir == null || dataDir.isBlank()) {
      throw new InvalidConfigException("lunarbase.data-dir", dataDir, "give a writable folder");
    }
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }
}
