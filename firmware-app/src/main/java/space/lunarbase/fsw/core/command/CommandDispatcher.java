package space.lunarbase.fsw.core.command;

import com.google.protobuf.ByteString;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SequenceRef;
import space.lunarbase.wire.AckSignature;

/**
 * Verifies and executes commands on a thread of its own ({@code cmd-dispatch}), never on the MQTT
 * thread: takes each message from the {@link CommandIntake}, asks the {@link CommandVerifier}, and
 * acknowledges on {@code ack} (QoS 1): ACCEPTED, then COMPLETED or FAILED; or REJECTED with a
 * reason. Rejections raise COMMAND_REJECTED (WARNING_LO, throttled), executions COMMAND_COMPLETED
 * (ACTIVITY_HI) or COMMAND_FAILED (WARNING_HI). Nothing a message contains, and nothing a handler
 * throws, stops the thread. The controller's own {@link Delegated} commands (sequence entries) run
 * here too, from the same queue, through the same checks, handlers, acks and events.
 *
 * <p>Every ack of a command whose MAC verified carries {@code mac}, the wire module's
 * {@link AckSignature} under that key's secret for this site and controller (a sequence entry's:
 * under the key that loaded the sequence), so a client holding the key can tell the controller's
 * answer from one anybody on the broker could publish. A refusal before the MAC verified carries none.
 *
 * <p>The thread starts in {@link #start()} (after construction, by the context or the owner) and
 * stops in {@link #close()}; until then {@link #process} still works on the caller's thread.
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
  private final Keys keys;
  private final String site;
  private final String controller;
  private Thread worker;
  private volatile boolean running = true;
  private long droppedReported;

  public CommandDispatcher(CommandIntake intake, CommandVerifier verifier, HeaderStamper headers, Outbox outbox,
                           EventLog events, InstantSource clock, CommandCounters counters, Keys keys,
                           ControllerSettings controller) {
    this.intake = intake;
    this.verifier = verifier;
    this.headers = headers;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
    this.counters = counters;
    this.keys = keys;
    this.site = controller.site();
    this.controller = controller.controller();
  }

  /** Starts the dispatcher's thread; once (later calls, and calls after {@link #close()}, do nothing). */
  @PostConstruct
  public synchronized void start() {
    if (worker != null || !running) {
      return;
    }
    worker = Thread.ofPlatform().name("cmd-dispatch").daemon(true).unstarted(this::run);
    worker.start();
  }

  private void run() {
    while (running) {
      try {
        switch (intake.poll(POLL)) {
          case CommandIntake.Inbound inbound -> process(inbound);
          case Delegated delegated -> run(delegated);
          case null -> { }
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
          "", CommandBody.getDefaultInstance(), true, Optional.empty(), true);
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
    counters.rejected(why.reason(), rejected.announce(), rejected.anonymous());
    events.emit(CoreEvents.COMMAND_REJECTED, rejected, CommandDispatcher::rejectionEvent);
    if (!rejected.announce()) {
      return List.of();
    }
    CommandAck ack = sign(ack(rejected.body(), rejected.keyId(), Status.STATUS_REJECTED, why.reason(), why.text()),
        rejected.signer());
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
    counters.accepted(accepted.onReserve());
    Caller caller = new Caller(accepted.key().id(), accepted.key().role(), body.getRequestId(), body.getCounter(),
        body.getCommand(), SequenceRef.getDefaultInstance(), Optional.of(accepted.key()), accepted.signed());
    if (!accepted.counterPersisted()) {
      Map<String, String> args = eventArgs(caller);
      args.put("counter", Long.toUnsignedString(body.getCounter()));
      events.emitUnthrottled(CoreEvents.COMMAND_COUNTER_NOT_PERSISTED, accepted.spec().name()
          + " runs although its counter " + Long.toUnsignedString(body.getCounter()) + " (key " + caller.keyId()
          + ") could not be written to the counter file: a safing command; held in memory, written with the next"
          + " counter that can be", args);
    }
    CommandAck last = invoke(accepted.spec(), accepted.args(), caller, acks);
    if (last.getStatus() == Status.STATUS_COMPLETED) {
      counters.completed();
    } else {
      counters.failed();
    }
    return acks;
  }

  /**
   * Runs a command of the controller's own (a sequence entry) as a received one is run, after the
   * checks that do not concern a signature: name, role, arguments, content, whether it may be a
   * sequence entry at all, mode, precondition, clock (time-critical commands). A refusal is
   * one FAILED ack with the refusal's reason (the sequence was accepted as a whole; this entry
   * failed), with COMMAND_FAILED. Not counted in {@link CommandCounters} (nothing was received).
   * Synchronized like {@link #process}; returns the acks composed.
   */
  public synchronized List<CommandAck> run(Delegated delegated) {
    List<CommandAck> acks = new ArrayList<>();
    if (!delegated.current().getAsBoolean()) {
      return acks;
    }
    Caller caller = new Caller(delegated.keyId(), delegated.role(), delegated.requestId(), delegated.counter(),
        delegated.command(), delegated.origin(), keys.current().find(delegated.keyId()), ByteString.EMPTY);
    CommandAck last;
    try {
      CommandChecks checks = verifier.checks();
      ContentCheck.Sender sender = new ContentCheck.Sender(delegated.keyId(), delegated.role());
      CommandChecks.Result checked = checks.content(delegated.command(), delegated.args(), sender);
      Rejection refusal = loaderKey(delegated.keyId()).orElseGet(() -> switch (checked) {
        case CommandChecks.Result.Refused refused -> refused.rejection();
        case CommandChecks.Result.Passed passed -> checks.sequenceEntry(passed.spec())
            .or(() -> checks.conditions(passed.spec(), passed.args(), sender)).orElse(null);
      });
      if (refusal == null) {
        CommandChecks.Result.Passed passed = (CommandChecks.Result.Passed) checked;
        last = invoke(passed.spec(), passed.args(), caller, acks);
      } else {
        last = ack(caller, Status.STATUS_FAILED, refusal.reason(), refusal.text());
        acks.add(last);
        publish(last);
        Map<String, String> args = eventArgs(caller);
        args.put("reason", refusal.reason().name());
        events.emitUnthrottled(CoreEvents.COMMAND_FAILED, CommandVerifier.echo(caller.command()) + " refused ("
            + Invocation.describe(caller.sequence()) + "): " + refusal.text(), args);
      }
    } catch (RuntimeException e) {
      LOG.error("delegated command {} could not be run: {}", caller.command(), e.toString(), e);
      last = ack(caller, Status.STATUS_FAILED, Reason.REASON_EXECUTION_FAILED, "could not be run: " + e);
      acks.add(last);
      publish(last);
    }
    try {
      delegated.done().accept(new Delegated.Outcome(last.getStatus(), last.getReason(), last.getText()));
    } catch (RuntimeException e) {
      LOG.error("the outcome of {} was not taken: {}", caller.command(), e.toString(), e);
    }
    return acks;
  }

  /**
   * Why the key that loaded a sequence may no longer run its entries: revoked, gone from the ring,
   * or outside its validity by the ring in force now; empty if it may.
   */
  private Optional<Rejection> loaderKey(String keyId) {
    KeyRing ring = keys.current();
    Optional<CommandKey> key = ring.find(keyId);
    java.time.Instant now = clock.instant();
    if (key.isEmpty()) {
      return Optional.of(ring.revoked().contains(keyId)
          ? new Rejection(Reason.REASON_KEY_REVOKED, "key " + keyId + " that loaded the sequence is revoked")
          : new Rejection(Reason.REASON_UNKNOWN_KEY, "key " + keyId + " that loaded the sequence is no longer in"
              + " the key ring"));
    }
    if (key.get().notYetValid(now)) {
      return Optional.of(new Rejection(Reason.REASON_KEY_NOT_YET_VALID, "key " + keyId
          + " that loaded the sequence is not valid before " + key.get().notBefore()));
    }
    if (key.get().expired(now)) {
      return Optional.of(new Rejection(Reason.REASON_KEY_EXPIRED, "key " + keyId
          + " that loaded the sequence expired " + key.get().notAfter()));
    }
    return Optional.empty();
  }

  /** ACCEPTED, the handler, then COMPLETED or FAILED with their events; returns the last ack. */
  private CommandAck invoke(CommandSpec spec, Args args, Caller caller, List<CommandAck> acks) {
    CommandAck first = ack(caller, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
    acks.add(first);
    publish(first);
    Invocation invocation = new Invocation(spec.name(), caller.keyId(), caller.requestId(), caller.role(),
        caller.counter(), caller.sequence(), caller.signed());
    Map<String, String> eventArgs = eventArgs(caller);
    String label = spec.name() + (invocation.fromSequence() ? " (" + Invocation.describe(caller.sequence()) + ")" : "");
    CommandAck last;
    try {
      String result = spec.handler().execute(args, invocation);
      last = ack(caller, Status.STATUS_COMPLETED, Reason.REASON_NONE, result == null ? "" : result);
      events.emitUnthrottled(CoreEvents.COMMAND_COMPLETED, label + " completed"
          + (last.getText().isEmpty() ? "" : ": " + last.getText()), eventArgs);
    } catch (RuntimeException e) {
      String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.debug("{} failed", spec.name(), e);
      last = ack(caller, Status.STATUS_FAILED, Reason.REASON_EXECUTION_FAILED, text);
      events.emitUnthrottled(CoreEvents.COMMAND_FAILED, label + " failed: " + text, eventArgs);
    }
    acks.add(last);
    publish(last);
    return last;
  }

  /**
   * Whose command it is, as the acks and events echo it, the key that signs its acks, and the signed
   * command as received (empty for a sequence entry).
   */
  private record Caller(String keyId, Role role, long requestId, long counter, String command,
                        SequenceRef sequence, Optional<CommandKey> signer, ByteString signed) {}

  private CommandAck ack(Caller caller, Status status, Reason reason, String text) {
    return sign(CommandAck.newBuilder()
        .setHeader(headers.next(ACK_STREAM, clock.instant()))
        .setRequestId(caller.requestId())
        .setKeyId(caller.keyId())
        .setCounter(caller.counter())
        .setCommand(CommandVerifier.echo(caller.command()))
        .setStatus(status)
        .setReason(reason)
        .setText(text)
        .setSequence(caller.sequence())
        .build(), caller.signer());
  }

  /** {@code ack} with its MAC under {@code signer}'s secret for this controller; as it is without a signer. */
  private CommandAck sign(CommandAck ack, Optional<CommandKey> signer) {
    return signer.isEmpty() ? ack : AckSignature.sign(ack, signer.get().secret(), site, controller);
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

  /** The event arguments of a command; for a sequence entry also {@code sequence}, {@code slot}, {@code entry}. */
  private static Map<String, String> eventArgs(Caller caller) {
    Map<String, String> args = eventArgs(caller.command(), caller.keyId(), caller.requestId());
    if (caller.sequence().getSlot() != 0) {
      args.put("sequence", caller.sequence().getName());
      args.put("slot", Integer.toString(caller.sequence().getSlot()));
      args.put("entry", Integer.toString(caller.sequence().getEntry()));
    }
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
    Thread started;
    synchronized (this) {
      running = false;
      started = worker;
    }
    if (started == null) {
      return;
    }
    started.interrupt();
    try {
      started.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
