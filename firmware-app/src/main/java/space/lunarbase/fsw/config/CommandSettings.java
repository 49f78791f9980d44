package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/**
 * How this controller takes commands ({@code lunarbase.commands.*};
 * docs/subsystems/commanding.md).
 *
 * @param keyFile the key ring: a YAML file of key id, role and secret (docs/subsystems/commanding.md, "Key file")
 * @param queueCapacity commands waiting for the dispatcher; as many again are answered BUSY, the
 *     rest dropped and counted (a verified safing command goes ahead of them all)
 * @param rateBurst the token bucket's size per key: authenticated, fresh commands that may arrive at once
 * @param ratePerSecond tokens added per second per key
 * @param anonymousRateBurst the one bucket shared by every refusal before a command is shown to be
 *     authentic and fresh (malformed, unknown key, bad MAC, another controller's, expired,
 *     replayed): how many of them are answered at once; the rest are counted, not answered
 * @param anonymousRatePerSecond tokens added per second to that bucket
 * @param safingReserveBurst a second bucket per key, spent only by verified safing commands once
 *     the key's own is empty
 * @param safingReservePerSecond tokens added per second to each reserve
 */
@ConfigurationProperties("lunarbase.commands")
public record CommandSettings(String keyFile, int queueCapacity, int rateBurst, double ratePerSecond,
                              int anonymousRateBurst, double anonymousRatePerSecond, int safingReserveBurst,
                              double safingReservePerSecond) {

  public CommandSettings {
    if (keyFile == null || keyFile.isBlank()) {
      throw new InvalidConfigException("lunarbase.commands.key-file", keyFile,
          "give the path of the key ring (development: deploy/keys/dev-keys.yml)");
    }
    ConfigRules.range("lunarbase.commands.queue-capacity", queueCapacity, 1, 10_000);
    ConfigRules.range("lunarbase.commands.rate-burst", rateBurst, 1, 1_000_000);
    rate("lunarbase.commands.rate-per-second", ratePerSecond);
    ConfigRules.range("lunarbase.commands.anonymous-rate-burst", anonymousRateBurst, 1, 1_000_000);
    rate("lunarbase.commands.anonymous-rate-per-second", anonymousRatePerSecond);
    ConfigRules.range("lunarbase.commands.safing-reserve-burst", safingReserveBurst, 1, 1_000);
    rate("lunarbase.commands.safing-reserve-per-second", safingReservePerSecond);
  }

  public Path keyPath() {
    return Path.of(keyFile);
  }

  private static void rate(String key, double perSecond) {
    if (!(perSecond > 0 && perSecond <= 1_000_000)) {
      throw new InvalidConfigException(key, perSecond, "use a rate above 0 and at most 1000000");
    }
  }
}
