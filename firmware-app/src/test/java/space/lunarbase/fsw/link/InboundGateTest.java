package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.command.CommandInlet;
import space.lunarbase.fsw.core.command.CommandIntake;
import space.lunarbase.fsw.core.command.CommandRegistry;
import space.lunarbase.fsw.core.command.ReplayGuard;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.inbound.InboundHandler;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.RebirthRequest;

/**
 * The gate in front of the inbound handlers, with the real command intake and rebirth handler: a
 * retained message or one above its topic's limit is dropped, counted and reported, and never
 * reaches a handler; the probe is only life; a handler's Error kills the receive path.
 */
class InboundGateTest {

  static final String CMD = "lunarbase/v1/test-site/ctl-1/cmd";
  static final String REBIRTH = "lunarbase/v1/test-site/ctl-1/rebirth";
  static final String PROBE = "lunarbase/probe/test-site-ctl-1";

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final ReceiveWatch watch = new ReceiveWatch(Duration.ofMillis(100), Duration.ofSeconds(1), nanos::get);
  final CommandIntake intake = new CommandIntake(new CommandSettings("keys.yml", 8, 5, 1, 5, 1, 5, 0.1));
  CommandInlet inlet;
  final RebirthRequests rebirths = new RebirthRequests();
  Outbox outbox;
  InboundGate gate;

  InboundGate gate(Path data, InboundHandler... more) {
    outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 10, 1000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    EventLog events = new EventLog(new HeaderStamper(new ControllerSettings("test-site", "ctl-1", data.toString()),
        new BootInfo(1, Instant.now(), "test")), outbox, InstantSource.system());
    inlet = new CommandInlet(intake, TestKeys.keys(), ReplayGuard.open(data), new CommandRegistry(List.of()),
        new ControllerSettings("test-site", "ctl-1", data.toString()));
    Map<String, InboundHandler> handlers = new java.util.HashMap<>(Map.of(CMD, inlet, REBIRTH, rebirths));
    for (InboundHandler h : more) {
      handlers.put("lunarbase/v1/test-site/ctl-1/" + h.stream(), h);
    }
    watch.connected();
    return new InboundGate(handlers, PROBE, watch, events);
  }

  @Test
  void retainedAndOversizeMessagesAreDroppedCountedAndReportedAndNeverHandedOn(@TempDir Path data) throws Exception {
    gate = gate(data);

    gate.accept(CMD, new byte[100], true);
    gate.accept(CMD, new byte[CommandIntake.MAX_PAYLOAD + 1], false);
    gate.accept(REBIRTH, RebirthRequest.newBuilder().setReason("x").build().toByteArray(), true);
    gate.accept(REBIRTH, new byte[RebirthRequests.MAX_PAYLOAD + 1], false);
    gate.accept(CMD, new byte[CommandIntake.MAX_PAYLOAD], false);   // at the limit: handed on

    assertThat(gate.retained()).isEqualTo(2);
    assertThat(gate.oversize()).isEqualTo(2);
    assertThat(intake.received()).isEqualTo(1);
    assertThat(rebirths.accepted()).isZero();
    assertThat(rebirths.garbage()).isZero();
    List<Event> events = events();
    assertThat(events).extracting(Event::getName).first().isEqualTo("LINK_INBOUND_DROPPED");
    assertThat(events.getFirst().getText()).contains("retain flag").contains(CMD);
    assertThat(events).as("throttled: one a second").hasSize(1);
  }

  @Test
  void theProbeIsLifeAndNothingElse(@TempDir Path data) {
    gate = gate(data);
    nanos.addAndGet(Duration.ofMillis(900).toNanos());
    gate.accept(PROBE, "probe".getBytes(), false);
    nanos.addAndGet(Duration.ofMillis(900).toNanos());

    assertThat(watch.check()).as("the probe 900 ms ago keeps it alive").isEmpty();
    assertThat(intake.received()).isZero();
    nanos.addAndGet(Duration.ofMillis(200).toNanos());
    assertThat(watch.check()).as("1.1 s of silence while connected").isPresent();
  }

  @Test
  void aHandlersErrorKillsTheReceivePathAndAnExceptionDoesNot(@TempDir Path data) {
    List<String> seen = new ArrayList<>();
    InboundHandler throwing = new InboundHandler() {
      @Override
      public String stream() {
        return "test/throws";
      }

      @Override
      public void accept(byte[] payload) {
        seen.add(payload.length + "");
        if (payload.length == 1) {
          throw new IllegalStateException("a bug");
        }
        throw new StackOverflowError();
      }

      @Override
      public long garbage() {
        return 0;
      }
    };
    gate = gate(data, throwing);

    gate.accept("lunarbase/v1/test-site/ctl-1/test/throws", new byte[1], false);
    assertThat(watch.check()).isEmpty();
    gate.accept("lunarbase/v1/test-site/ctl-1/test/throws", new byte[2], false);

    assertThat(seen).containsExactly("1", "2");
    assertThat(watch.check()).hasValueSatisfying(reason ->
        assertThat(reason).contains("test/throws").contains("StackOverflowError"));
  }

  @Test
  void aHandlerThatDoesNotReturnForTheTimeoutIsADeadPathEvenWhileDisconnected(@TempDir Path data) throws Exception {
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    InboundHandler stuck = new InboundHandler() {
      @Override
      public String stream() {
        return "test/stuck";
      }

      @Override
      public void accept(byte[] payload) {
        inside.countDown();
        try {
          release.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public long garbage() {
        return 0;
      }
    };
    gate = gate(data, stuck);
    Thread callback = Thread.ofVirtual().start(() -> gate.accept("lunarbase/v1/test-site/ctl-1/test/stuck", new byte[1], false));
    try {
      assertThat(inside.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      watch.disconnected();
      nanos.addAndGet(Duration.ofMillis(900).toNanos());
      assertThat(watch.check()).isEmpty();
      nanos.addAndGet(Duration.ofMillis(200).toNanos());
      assertThat(watch.check()).hasValueSatisfying(reason -> assertThat(reason).contains("has not returned for 1100 ms"));
    } finally {
      release.countDown();
      callback.join(5_000);
    }
  }

  private List<Event> events() throws Exception {
    List<Event> events = new ArrayList<>();
    Outbound message;
    while ((message = outbox.poll(Duration.ZERO)) != null) {
      if (message.stream().equals(EventLog.STREAM)) {
        events.add(Event.parseFrom(message.payload()));
      }
    }
    return events;
  }
}
