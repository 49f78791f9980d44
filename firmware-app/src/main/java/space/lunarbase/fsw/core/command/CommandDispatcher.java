package space.lunarbase.fsw.core.command;

import space.lunarbase.fsw.core.event.CoreEvents;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;

/**
 * Verifies and executes commands on a thread of its own ({@code cmd-dispatch}), never on the MQTT
 * thread: takes each message from the {@link CommandIntake}, asks the {@link CommandVerifier}, and
 * acknowledges on {@code ack} (QoS 1): ACCEPTED, then COMPLETED or FAILED; or REJECTED with a
 * reason. Rejections raise COMMAND_REJECTED (WARNING_LO, throttled), executions COMMAND_COMPLETED
 * (ACTIVITY_HI) or COMMAND_FAILED (WARNING_HI). Nothing a message contains, and nothing a handler
 * throws, stops the thread.
 */
@Context
public final class CommandDispatcher implements AutoCloseable {

  /** The stream acks are published on. */
  public static final String ACK_STREAM = "ack";
  private static final Duration POLL = Duration.ofMillis(100);

  private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

  private final CommandIntake intake;
  private final CommandVerifier verifier;
  private final HeaderStamper headers;
  private final Outbox outbox;
  private final EventLog events;
  private final InstantSource clock;
  private final CommandCounters counters;
  private final Thread worker;
  private volatile boolean running = true;
  private long droppedReported;

  public CommandDispatcher(CommandIntake intake, CommandVerifier verifier, HeaderStamper headers, Outbox outbox,
                           EventLog events, InstantSource clock, CommandCounters counters) {
    this.intake = intake;
    this.verifier = verifier;
    this.headers = headers;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
    this.counters = counters;
    this.worker = new Thread(this::run, "cmd-dispatch");
    worker.setDaemon(true);
    worker.start();
  }

  private void run() {
    while (running) {
      try {
        CommandIntake.Inbound next = intake.poll(POLL);
        if (next != null) {
          process(next);
        }
        reportDrops();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("command dispatcher: {}", e.toString(), e);
      }
    }
  }

  /**
   * Verifies, acknowledges and (if accepted) executes one message; returns every ack published for
   * it, in order (none for a refusal inside a flood, which is only counted: it allocates nothing).
   * Synchronized: the dispatcher's thread and tests may call it.
   */
  public synchronized List<CommandAck> process(CommandIntake.Inbound inbound) {
    Verdict verdict;
    try {
      verdict = verifier.verify(inbound);
    } catch (RuntimeException e) {
      LOG.error("command verification failed unexpectedly: {}", e.toString(), e);
      verdict = new Verdict.Rejected(new Rejection(Reason.REASON_MALFORMED, "could not be verified: " + e),
          "", CommandBody.getDefaultInstance(), true);
    }
    return switch (verdict) {
      case Verdict.Rejected rejected -> reject(rejected);
      case Verdict.Accepted accepted -> execute(accepted);
    };
  }

  private List<CommandAck> reject(Verdict.Rejected rejected) {
    Rejection why = rejected.rejection();
    if (why.reason() == Reason.REASON_MALFORMED) {
      intake.countGarbage();
    }
    counters.rejected(why.reason(), rejected.announce());
    events.emit(CoreEvents.COMMAND_REJECTED, rejected, CommandDispatcher::rejectionEvent);
    if (!rejected.announce()) {
      return List.of();
    }
    CommandAck ack = ack(rejected.body(), rejected.keyId(), Status.STATUS_REJECTED, why.reason(), why.text());
    publish(ack);
    return List.of(ack);
  }

  /** COMMAND_REJECTED's text and arguments, built only when the event passes its throttle. */
  private static EventLog.Details rejectionEvent(Verdict.Rejected rejected) {
    Rejection why = rejected.rejection();
    CommandBody body = rejected.body();
    Map<String, String> args = eventArgs(body.getCommand(), rejected.keyId(), body.getRequestId());
    args.put("reason", why.reason().name());
    String text = rejected.announce() ? why.text() : "not answered (one of many refusals at once)";
    return new EventLog.Details("rejected " + why.reason().name().substring("REASON_".length()) + ": " + text, args);
  }

  private List<CommandAck> execute(Verdict.Accepted accepted) {
    List<CommandAck> acks = new ArrayList<>(2);
    CommandBody body = accepted.body();
    String keyId = accepted.key().id();
    counters.accepted();
    CommandAck first = ack(body, keyId, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
    acks.add(first);
    publish(first);
    Invocation invocation = new Invocation(accepted.spec().name(), keyId, body.getRequestId());
    Map<String, String> args = eventArgs(body.getCommand(), keyId, body.getRequestId());
    CommandAck last;
    try {
      String result = accepted.spec().handler().execute(accepted.args(), invocation);
      counters.completed();
      last = ack(body, keyId, Status.STATUS_COMPLETED, Reason.REASON_NONE, result == null ? "" : result);
      events.emitUnthrottled(CoreEvents.COMMAND_COMPLETED, body.getCommand() + " completed"
          + (last.getText().isEmpty() ? "" : ": " + last.getText()), args);
    } catch (RuntimeException e) {
      counters.failed();
      String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.debug("{} failed", body.getCommand(), e);
      last = ack(body, keyId, Status.STATUS_FAILED, Reason.REASON_EXECUTION_FAILED, text);
      events.emitUnthrottled(CoreEvents.COMMAND_FAILED, body.getCommand() + " failed: " + text, args);
    }
    acks.add(last);
    publish(last);
    return acks;
  }

  private CommandAck ack(CommandBody body, String keyId, Status status, Reason reason, String text) {
    return CommandAck.newBuilder()
        .setHeader(headers.next(ACK_STREAM, clock.instant()))
        .setRequestId(body.getRequestId())
        .setKeyId(keyId)
        .setCounter(body.getCounter())
        .setCommand(CommandVerifier.echo(body.getCommand()))
        .setStatus(status)
        .setReason(reason)
        .setText(text)
        .build();
  }

  private void publish(CommandAck ack) {
    outbox.offer(new Outbound(ACK_STREAM, ack.toByteArray(), 1, false));
  }

  private static Map<String, String> eventArgs(String command, String keyId, long requestId) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("command", CommandVerifier.echo(command));
    args.put("key", keyId);
    args.put("request", Long.toUnsignedString(requestId));
    return args;
  }

  private void reportDrops() {
    long dropped = intake.dropped();
    if (dropped > droppedReported && events.emit(CoreEvents.COMMAND_QUEUE_FULL, this, CommandDispatcher::dropEvent)) {
      droppedReported = dropped;
    }
  }

  private static EventLog.Details dropEvent(CommandDispatcher dispatcher) {
    long dropped = dispatcher.intake.dropped();
    return new EventLog.Details((dropped - dispatcher.droppedReported) + " commands dropped: queue full",
        Map.of("dropped", Long.toString(dropped)));
  }

  /** Stops the thread (waits up to 2 s for a running command). Idempotent. */
  @PreDestroy
  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
