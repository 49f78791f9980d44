package space.lunarbase.fsw.core.telemetry;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.Header;

/**
 * Stamps the header every sent message carries: site, controller, boot count, a sequence number
 * per stream (starting at 1 each boot, never reused), the sample time in UTC nanoseconds and the
 * schema version.
 */
@Singleton
public final class HeaderStamper {

  private final ControllerSettings controller;
  private final BootInfo boot;
  private final ConcurrentMap<String, AtomicLong> sequences = new ConcurrentHashMap<>();

  public HeaderStamper(ControllerSettings controller, BootInfo boot) {
    this.controller = controller;
    this.boot = boot;
  }

  /** The next header of {@code stream}, for content sampled at {@code sampleTime}. */
  public Header next(String stream, Instant sampleTime) {
    long sequence = sequences.computeIfAbsent(stream, s -> new AtomicLong()).incrementAndGet();
    return base(sampleTime).setSequence(sequence).build();
  }

  /** The last sequence number given on {@code stream} this boot (0 before the first). */
  public long last(String stream) {
    AtomicLong sequence = sequences.get(stream);
    return sequence == null ? 0 : sequence.get();
  }

  /** Every stream stamped so far this boot, with its last sequence number. */
  public java.util.Map<String, Long> lastByStream() {
    java.util.Map<String, Long> last = new java.util.TreeMap<>();
    sequences.forEach((stream, sequence) -> last.put(stream, sequence.get()));
    return last;
  }

  /** A header outside any sequence (sequence 0): for the last will, composed before it is needed. */
  public Header unsequenced(Instant time) {
    return base(time).build();
  }

  private Header.Builder base(Instant time) {
    return Header.newBuilder()
        .setSiteId(controller.site())
        .setControllerId(controller.controller())
        .setBootCount(boot.bootCount())
        .setSampleTimeNs(nanos(time))
        .setSchemaVersion(Schema.VERSION);
  }

  /** UTC nanoseconds since the epoch. */
  public static long nanos(Instant time) {
    return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
  }
}
