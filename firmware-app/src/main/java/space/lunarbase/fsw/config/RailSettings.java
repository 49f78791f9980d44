package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How often the launch-rail sequence runs and reports.
 *
 * @param sequencePeriod how often the sequencer runs: window and timeout checks, interlock watch
 *     while armed, FIFO drains while a shot flies (10 ms keeps a shot's FIFO far from full)
 * @param telemetryPeriod how often {@code tlm/rail} goes out (also at every state change)
 */
@ConfigurationProperties("lunarbase.rail")
public record RailSettings(Duration sequencePeriod, Duration telemetryPeriod) {

  public RailSettings {
    ConfigRules.period("lunarbase.rail.sequence-period", sequencePeriod, Duration.ofMillis(1), Duration.ofMillis(100));
    ConfigRules.period("lunarbase.rail.telemetry-period", telemetryPeriod, Duration.ofMillis(100),
        Duration.ofHours(1));
  }
}
