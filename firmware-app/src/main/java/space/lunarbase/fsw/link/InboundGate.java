package space.lunarbase.fsw.link;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.inbound.InboundHandler;

/**
 * Every message the broker delivers passes here, on the client's callback thread, before any
 * handler sees it: its arrival is life for the {@link ReceiveWatch}; the link's own probe stops
 * here; a message with the retain flag (a command or rebirth request is never acted on from a
 * retained copy) or larger than its handler's {@link InboundHandler#maxPayload()} is dropped,
 * counted and reported ({@code LINK_INBOUND_DROPPED}, throttled); the rest goes to its handler. A
 * handler that throws an {@link Error} has killed the receive path: the watch is told.
 */
final class InboundGate {

  private static final Logger LOG = LoggerFactory.getLogger(InboundGate.class);

  private final Map<String, InboundHandler> handlers;
  private final String probeTopic;
  private final ReceiveWatch watch;
  private final EventLog events;
  private final AtomicLong oversize = new AtomicLong();
  private final AtomicLong retained = new AtomicLong();

  /** One dropped message, described only when its event passes the throttle. */
  private record Dropped(String topic, int bytes, int limit, boolean retained) {}

  InboundGate(Map<String, InboundHandler> handlers, String probeTopic, ReceiveWatch watch, EventLog events) {
    this.handlers = Map.copyOf(handlers);
    this.probeTopic = probeTopic;
    this.watch = watch;
    this.events = events;
  }

  /** One message as the client delivered it. Never throws. */
  void accept(String topic, byte[] payload, boolean isRetained) {
    watch.alive();
    if (topic.equals(probeTopic)) {
      return;
    }
    InboundHandler handler = handlers.get(topic);
    if (handler == null) {
      return;
    }
    int bytes = payload == null ? 0 : payload.length;
    if (isRetained) {
      retained.incrementAndGet();
      events.emit(LinkEvents.LINK_INBOUND_DROPPED, new Dropped(topic, bytes, handler.maxPayload(), true),
          InboundGate::describe);
      return;
    }
    if (bytes > handler.maxPayload()) {
      oversize.incrementAndGet();
      events.emit(LinkEvents.LINK_INBOUND_DROPPED, new Dropped(topic, bytes, handler.maxPayload(), false),
          InboundGate::describe);
      return;
    }
    watch.handling();
    try {
      handler.accept(payload);
    } catch (RuntimeException e) {
      LOG.error("inbound handler for {} threw: {}", topic, e.toString(), e);
    } catch (Error e) {
      LOG.error("inbound handler for {} threw {}: the receive path is dead", topic, e.toString(), e);
      watch.failed("the handler of " + topic + " threw " + e);
    } finally {
      watch.handled();
    }
  }

  /** Messages dropped for being larger than their topic's limit. */
  long oversize() {
    return oversize.get();
  }

  /** Messages dropped for carrying the retain flag. */
  long retained() {
    return retained.get();
  }

  private static EventLog.Details describe(Dropped d) {
    String why = d.retained() ? "it carries the retain flag: a retained copy is never acted on"
        : "it is larger than the topic's limit of " + d.limit() + " bytes";
    return new EventLog.Details("dropped a %d-byte message on %s: %s".formatted(d.bytes(), d.topic(), why),
        Map.of("topic", d.topic(), "bytes", Integer.toString(d.bytes()),
            "reason", d.retained() ? "retained" : "oversize"));
  }
}
