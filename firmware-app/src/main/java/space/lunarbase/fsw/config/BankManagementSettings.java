package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How often bank management runs (docs/subsystems/bank.md).
 *
 * @param period the control cycle: cells, pack and contactors read, protections checked, charger
 *     and bleed switches commanded; 10ms to 1s (a rate group must divide it)
 * @param temperaturePeriod how often the 1-Wire thermometers are read (each read may take 750 ms
 *     per sensor on a board); 100ms to 1min. A temperature older than three of these periods is
 *     STALE and neither trips nor clears the over-temperature protection
 */
@ConfigurationProperties("lunarbase.bank.management")
public record BankManagementSettings(Duration period, Duration temperaturePeriod) {

  public BankManagementSettings {
    ConfigRules.period("lunarbase.bank.management.period", period, Duration.ofMillis(10), Duration.ofSeconds(1));
    ConfigRules.period("lunarbase.bank.management.temperature-period", temperaturePeriod, Duration.ofMillis(100),
        Duration.ofMinutes(1));
  }
}
