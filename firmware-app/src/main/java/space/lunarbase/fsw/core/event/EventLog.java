package space.lunarbase.fsw.core.event;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;

/**
 * Emits events: each is logged and published on {@code evt} (QoS 1, journaled while the broker is
 * away). Throttled per event id: at most one per {@link #THROTTLE} window; the next one that gets
 * through says how many were suppressed.
 */
@Singleton
public final class EventLog {

  /** The stream events are published on. */
  public static final String STREAM = "evt";
  /** At most one event of an id per this window. */
  public static final Duration THROTTLE = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger("events");

  private final HeaderStamper headers;
  private final Outbox outbox;
  private final InstantSource clock;
  private final Map<Integer, Window> windows = new ConcurrentHashMap<>();

  public EventLog(HeaderStamper headers, Outbox outbox, InstantSource clock) {
    this.headers = headers;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** One kind of event: a stable id and name, its subsystem and severity. */
  public record Kind(int id, String name, String subsystem, Severity severity) {}

  /** Emits an event of {@code kind} with its text and named arguments; returns whether it was sent. */
  public boolean emit(Kind kind, String text, Map<String, String> args) {
    var now = clock.instant();
    Window window = windows.computeIfAbsent(kind.id(), id -> new Window());
    int suppressed;
    synchronized (window) {
      if (window.last != null && Duration.between(window.last, now).compareTo(THROTTLE) < 0) {
        window.suppressed++;
        return false;
      }
      window.last = now;
      suppressed = window.suppressed;
      window.suppressed = 0;
    }
    send(kind, text, args, now, suppressed);
    return true;
  }

  /**
   * Emits an event that must never be suppressed (an executed command, a mode change): for kinds
   * whose rate something else already bounds.
   */
  public void emitUnthrottled(Kind kind, String text, Map<String, String> args) {
    send(kind, text, args, clock.instant(), 0);
  }

  private void send(Kind kind, String text, Map<String, String> args, java.time.Instant now, int suppressed) {
    log(kind, text, suppressed);
    Event event = Event.newBuilder()
        .setHeader(headers.next(STREAM, now))
        .setSeverity(kind.severity())
        .setId(kind.id())
        .setName(kind.name())
        .setText(text)
        .putAllArgs(args)
        .setSubsystem(kind.subsystem())
        .setSuppressed(suppressed)
        .build();
    outbox.offer(new Outbound(STREAM, event.toByteArray(), 1, false));
  }

  private static void log(Kind kind, String text, int suppressed) {
    String line = "{} {} [{}] {}{}";
    String tail = suppressed > 0 ? " (" + suppressed + " suppressed)" : "";
    switch (kind.severity()) {
      case SEVERITY_FATAL, SEVERITY_WARNING_HI -> LOG.error(line, kind.subsystem(), kind.name(), kind.id(), text, tail);
      case SEVERITY_WARNING_LO -> LOG.warn(line, kind.subsystem(), kind.name(), kind.id(), text, tail);
      case SEVERITY_DIAGNOSTIC -> LOG.debug(line, kind.subsystem(), kind.name(), kind.id(), text, tail);
      default -> LOG.info(line, kind.subsystem(), kind.name(), kind.id(), text, tail);
    }
  }

  private static final class Window {
    private java.time.Instant last;
    private int suppressed;
  }
}
