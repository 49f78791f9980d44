package space.lunarbase.fsw.core.rate;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.Event;

/** A real {@link EventLog} on an outbox of its own, and the events it has emitted so far. */
record EventCapture(EventLog log, Outbox outbox) {

  static EventCapture in(Path data) {
    Outbox outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 10, 1000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    EventLog log = new EventLog(new HeaderStamper(new ControllerSettings("test-site", "ctl-1", data.toString()),
        new BootInfo(1, Instant.now(), "test")), outbox, InstantSource.system());
    return new EventCapture(log, outbox);
  }

  /** Takes every event emitted since the last call, parsed from its bytes. */
  List<Event> drain() throws InterruptedException {
    List<Event> events = new ArrayList<>();
    Outbound message;
    while ((message = outbox.poll(Duration.ZERO)) != null) {
      try {
        events.add(Event.parseFrom(message.payload()));
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }
    return events;
  }
}
