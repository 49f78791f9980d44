package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/**
 * How this controller takes commands ({@code lunarbase.commands.*}).
 *
 * @param keyFile the key ring: a YAML file of key id, role and secret (see firmware-app/README.md)
 * @param queueCapacity commands waiting for the dispatcher; as many again are answered BUSY, the
 *     rest dropped and counted
 * @param rateBurst the token bucket's size per key: commands (valid or not) that may arrive at once
 * @param ratePerSecond tokens added per second per key
 */
@ConfigurationProperties("lunarbase.commands")
public record CommandSettings(String keyFile, int queueCapacity, int rateBurst, double ratePerSecond) {

  public CommandSettings {
    if (keyFile == null || keyFile.isBlank()) {
      throw new InvalidConfigException("lunarbase.commands.key-file", keyFile,
          "give the path of the key ring (development: deploy/keys/dev-keys.yml)");
    }
    ConfigRules.range("lunarbase.commands.queue-capacity", queueCapacity, 1, 10_000);
    ConfigRules.range("lunarbase.commands.rate-burst", rateBurst, 1, 1_000_000);
    if (!(ratePerSecond > 0 && ratePerSecond <= 1_000_000)) {
      throw new InvalidConfigException("lunarbase.commands.rate-per-second", ratePerSecond,
          "use a rate above 0 and at most 1000000");
    }
  }

  public Path keyPath() {
    return Path.of(keyFile);
  }
}
