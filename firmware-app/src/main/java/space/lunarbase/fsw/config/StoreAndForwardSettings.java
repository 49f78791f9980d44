package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/**
 * Store-and-forward: while the broker is unreachable, telemetry and events go to a bounded journal
 * on disk, and are replayed (marked historical) once it is back.
 *
 * @param enabled when false, telemetry is QoS 0 and waits only in the in-memory outbox
 * @param maxBytes the journal's bound on disk; beyond it the oldest segment is dropped (with an event)
 * @param segmentBytes the size of one segment file
 * @param fsyncInterval how often appended records are forced to disk; 0 forces every record. A
 *     power cut loses at most this much of the journal's newest telemetry
 */
@ConfigurationProperties("lunarbase.link.store-and-forward")
public record StoreAndForwardSettings(boolean enabled, @ReadableBytes long maxBytes,
                                      @ReadableBytes long segmentBytes, Duration fsyncInterval) {

  public StoreAndForwardSettings {
    if (segmentBytes < 4096 || segmentBytes > 1L << 30) {
      throw new InvalidConfigException("lunarbase.link.store-and-forward.segment-bytes", segmentBytes,
          "use 4096 to 1073741824 bytes");
    }
    if (maxBytes < 2 * segmentBytes) {
      throw new InvalidConfigException("lunarbase.link.store-and-forward.max-bytes", maxBytes,
          "use at least two segments (2 x segment-bytes = " + 2 * segmentBytes + ")");
    }
    ConfigRules.period("lunarbase.link.store-and-forward.fsync-interval", fsyncInterval, Duration.ZERO,
        Duration.ofMinutes(1));
  }

  /** The QoS of telemetry: 1 when it is stored and forwarded (acknowledged, replayable), else 0. */
  public int telemetryQos() {
    return enabled ? 1 : 0;
  }
}
