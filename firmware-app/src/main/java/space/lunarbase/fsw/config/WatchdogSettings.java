package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The software watchdog over the rate groups: a group is stuck when a cycle has run, or no cycle
 * has completed, for {@code stuckPeriods} of its periods (in real time), but never sooner than
 * {@code minStuckTime}, so a garbage-collection pause does not restart a 1 kHz group's process.
 *
 * @param stuckPeriods periods of a group without progress before it is stuck, 2 to 10000
 * @param minStuckTime the shortest time without progress that counts as stuck, 100ms to 10min
 */
@ConfigurationProperties("lunarbase.watchdog")
public record WatchdogSettings(int stuckPeriods, Duration minStuckTime) {

  public WatchdogSettings {
    ConfigRules.range("lunarbase.watchdog.stuck-periods", stuckPeriods, 2, 10_000);
    ConfigRules.period("lunarbase.watchdog.min-stuck-time", minStuckTime, Duration.ofMillis(100), Duration.ofMinutes(10));
  }
}
