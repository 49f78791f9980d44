package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Command authority beyond keys and roles ({@code lunarbase.authority.*}; docs/authority.md).
 *
 * @param maxExpiry the furthest ahead of the controller's clock a command may expire (10 min): one
 *     expiring later is REJECTED EXPIRY_TOO_FAR, so a signed command held back cannot be played
 *     days later; 1s to 24h
 * @param maxLoadExpiry the same for {@code seq.LOAD} (1 h: an upload may wait for a ground pass);
 *     at least {@code max-expiry}, at most 7 days
 * @param clockSyncPeriod how often the clock's synchronisation is asked (a task of the slowest rate
 *     group dividing it; the program runs off the rate group's thread); 1s to 1h
 * @param timedatectl {@code hal.mode=real}: the {@code timedatectl} program (name in PATH or path)
 * @param timesyncFlag {@code hal.mode=real}: systemd-timesyncd's flag file
 * @param chronyc {@code hal.mode=real}: the {@code chronyc} program
 */
@ConfigurationProperties("lunarbase.authority")
public record AuthoritySettings(Duration maxExpiry, Duration maxLoadExpiry, Duration clockSyncPeriod,
                                String timedatectl, String timesyncFlag, String chronyc) {

  public AuthoritySettings {
    ConfigRules.period("lunarbase.authority.max-expiry", maxExpiry, Duration.ofSeconds(1), Duration.ofHours(24));
    ConfigRules.period("lunarbase.authority.max-load-expiry", maxLoadExpiry, maxExpiry, Duration.ofDays(7));
    ConfigRules.period("lunarbase.authority.clock-sync-period", clockSyncPeriod, Duration.ofSeconds(1),
        Duration.ofHours(1));
    required("lunarbase.authority.timedatectl", timedatectl);
    required("lunarbase.authority.timesync-flag", timesyncFlag);
    required("lunarbase.authority.chronyc", chronyc);
  }

  /** The shipped defaults (10 min, 1 h, 10 s, the programs in PATH). */
  public static AuthoritySettings defaults() {
    return new AuthoritySettings(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(10), "timedatectl",
        "/run/systemd/timesync/synchronized", "chronyc");
  }

  public Path timesyncFlagPath() {
    return Path.of(timesyncFlag);
  }

  private static void required(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidConfigException(key, value, "give a program name or path");
    }
  }
}
