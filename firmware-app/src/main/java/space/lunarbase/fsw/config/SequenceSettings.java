package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Stored command sequences ({@code lunarbase.sequences.*}; docs/subsystems/sequences.md).
 *
 * @param slots how many sequences can be loaded at once (slots 1..N), 1 to 16
 * @param maxEntries the most entries one sequence may have, 1 to 1000
 * @param maxBytes the most bytes a serialized sequence may have, 64 to 15360 (it travels inside one
 *     signed command of at most 16 KiB)
 * @param checkPeriod how often due entries are looked for: an entry starts within about this long
 *     after its time (a task on the slowest rate group dividing it; 10ms to 1s)
 * @param lateLimit an absolute entry that cannot start within this long after its time (e.g. its
 *     time passed during a pause) is missed, not run; at least {@code check-period}, at most 1h
 * @param telemetryPeriod how often every slot goes out on {@code tlm/seq} besides each change (1s to 1h)
 */
@ConfigurationProperties("lunarbase.sequences")
public record SequenceSettings(int slots, int maxEntries, int maxBytes, Duration checkPeriod, Duration lateLimit,
                               Duration telemetryPeriod) {

  /** The largest sequence that fits in a SignedCommand (16 KiB) beside the rest of the command. */
  public static final int MAX_BYTES_LIMIT = 15 * 1024;

  public SequenceSettings {
    ConfigRules.range("lunarbase.sequences.slots", slots, 1, 16);
    ConfigRules.range("lunarbase.sequences.max-entries", maxEntries, 1, 1000);
    ConfigRules.range("lunarbase.sequences.max-bytes", maxBytes, 64, MAX_BYTES_LIMIT);
    ConfigRules.period("lunarbase.sequences.check-period", checkPeriod, Duration.ofMillis(10), Duration.ofSeconds(1));
    ConfigRules.period("lunarbase.sequences.late-limit", lateLimit, checkPeriod, Duration.ofHours(1));
    ConfigRules.period("lunarbase.sequences.telemetry-period", telemetryPeriod, Duration.ofSeconds(1),
        Duration.ofHours(1));
  }
}
