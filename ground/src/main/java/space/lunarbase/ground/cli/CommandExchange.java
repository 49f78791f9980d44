package space.lunarbase.ground.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.ground.cli.CommandArgs.Arg;
import space.lunarbase.ground.cli.CounterStore.BadStateFile;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.Inbound.ConnectionLost;
import space.lunarbase.ground.cli.Inbound.Reconnected;
import space.lunarbase.ground.cli.Inbound.Stop;
import space.lunarbase.ground.cli.KeyFile.BadKeyFile;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.wire.AckCheck;
import space.lunarbase.wire.CommandSignature;
import space.lunarbase.wire.Topic;

/**
 * One signed command sent and answered, the part {@code send} and {@code seq load} share: connects,
 * subscribes to the controller's {@code ack} topic, takes the next counter, signs the body
 * (docs/subsystems/commanding.md, "The message and its MAC"), publishes it on {@code cmd} (QoS 1), prints
 * its acknowledgements and returns the exit code ({@link Lunarctl}).
 *
 * <p>Only the controller's own acks count ({@link AckCheck}): one naming the command's random 64-bit
 * {@code request_id} whose MAC verifies under the command's key for that controller. An ack naming
 * the request id that does not verify is noted FORGED on stderr and ignored; a refusal without a MAC
 * (the controller refuses so before it has verified a command: BAD_MAC, UNKNOWN_KEY, a MALFORMED
 * envelope) is noted as unauthenticated and ignored, since anybody could have sent it. Waiting goes
 * on after either; if it then times out, the note says what was ignored. Repeats of a note are
 * counted, not printed, so a flood cannot fill the terminal.
 */
final class CommandExchange {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SigningOptions options;
  private final Clock clock;
  private final PrintWriter out;
  private final PrintWriter err;

  CommandExchange(SigningOptions options, Clock clock, PrintWriter out, PrintWriter err) {
    this.options = options;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /** What was sent, to match and print the acks. */
  record Sent(String controller, String command, String keyId, long counter, long requestId, List<Arg> args) {}

  /**
   * Signs {@code command} with {@code args} for the controller of {@code cmdTopic}, sends it and
   * prints its acks; {@code what} (may be empty) is added to the stderr note of what was sent.
   */
  @SuppressWarnings("try") // the Ctrl-C handler is held for the try block's duration, not used in it
  int exchange(Topic cmdTopic, Topic ackTopic, String command, List<Arg> args, String what) {
    KeyFile.Key key;
    try {
      key = KeyFile.load(options.keyFile).require(options.keyId);
    } catch (BadKeyFile e) {
      return Console.fail(err, Lunarctl.EXIT_FILE, "key file " + e.getMessage());
    }
    byte[] secret;
    try {
      secret = key.secretFor(cmdTopic.site(), cmdTopic.controller());
    } catch (IllegalArgumentException e) {
      return Console.fail(err, Lunarctl.EXIT_FILE, "key file " + options.keyFile + ": " + e.getMessage());
    }
    BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    try (Console.CtrlC ctrlC = new Console.CtrlC(inbox)) {
      BrokerSession session;
      try {
        session = BrokerSession.connect(options.broker, inbox, clock,
            BrokerSession.connectTimeout(options.timeout));
      } catch (BrokerUnavailable e) {
        return Console.fail(err, e.exitCode(), "cannot connect to " + options.broker + ": " + e.getMessage());
      }
      try (session) {
        session.subscribe(ackTopic.toString());
        long useCounter;
        try {
          useCounter = new CounterStore(options.stateDir, clock).next(key.id(), options.counter);
        } catch (BadStateFile e) {
          return Console.fail(err, Lunarctl.EXIT_FILE, "counter state: " + e.getMessage());
        }
        Instant now = clock.instant();
        CommandBody.Builder body = CommandBody.newBuilder().setCounter(useCounter)
            .setExpiresNs(nanos(now.plus(options.expires))).setSiteId(cmdTopic.site())
            .setControllerId(cmdTopic.controller()).setCommand(command).setRequestId(requestId());
        args.forEach(a -> body.putArgs(a.name(), a.value()));
        Sent sent = new Sent(cmdTopic.controllerPath(), command, key.id(), useCounter, body.getRequestId(),
            List.copyOf(args));
        AckCheck check = new AckCheck(cmdTopic.site(), cmdTopic.controller(), key.id(), secret, body.getRequestId());
        SignedCommand signed = CommandSignature.sign(body.build(), key.id(), secret);
        session.await(session.publish(cmdTopic.toString(), signed.toByteArray(), BrokerSession.QOS, false));
        Console.note(err, "sent " + command + (what.isEmpty() ? "" : " (" + what + ")") + " to " + sent.controller()
            + " (key " + key.id() + ", counter " + Long.toUnsignedString(useCounter) + ", request "
            + Long.toUnsignedString(sent.requestId()) + ", expires in " + DurationConverter.format(options.expires) + ")");
        return await(session, inbox, ackTopic, sent, check);
      } catch (BrokerUnavailable e) {
        return Console.fail(err, Lunarctl.EXIT_BROKER, "at " + options.broker + ": " + e.getMessage());
      }
    }
  }

  private int await(BrokerSession session, BlockingQueue<Inbound> inbox, Topic ackTopic, Sent sent,
      AckCheck check) throws BrokerUnavailable {
    Ignored ignored = new Ignored(err, sent);
    try {
      return awaitAnswer(session, inbox, ackTopic, sent, check, ignored);
    } finally {
      ignored.summary();
    }
  }

  private int awaitAnswer(BrokerSession session, BlockingQueue<Inbound> inbox, Topic ackTopic, Sent sent,
      AckCheck check, Ignored ignored) throws BrokerUnavailable {
    long deadline = System.nanoTime() + options.timeout.toNanos();
    Set<Status> seen = EnumSet.noneOf(Status.class);
    while (true) {
      Inbound next;
      try {
        next = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Lunarctl.EXIT_INTERRUPTED;
      }
      switch (next) {
        case null -> {
          if (seen.contains(Status.STATUS_ACCEPTED)) {
            return Console.fail(err, Lunarctl.EXIT_ACCEPTED, "ACCEPTED, but no COMPLETED or FAILED within "
                + DurationConverter.format(options.timeout) + ": the outcome is unknown (its events are on "
                + Topic.PREFIX + sent.controller() + "/evt)" + ignored.afterTimeout());
          }
          return Console.fail(err, Lunarctl.EXIT_TIMEOUT, "no acknowledgement within "
              + DurationConverter.format(options.timeout) + " on " + ackTopic + ignored.afterTimeout());
        }
        case Arrival arrival -> {
          if (!arrival.topic().equals(ackTopic.toString())) {
            continue;
          }
          CommandAck ack;
          try {
            ack = CommandAck.parseFrom(arrival.payload());
          } catch (InvalidProtocolBufferException e) {
            Console.note(err, "ignored an ack that does not parse (" + arrival.payload().length + " bytes)");
            continue;
          }
          AckCheck.Verdict verdict = check.judge(ack);
          switch (verdict.kind()) {
            case FORGED -> ignored.forged(ack, verdict.why());
            case UNAUTHENTICATED -> ignored.unauthenticated(ack);
            default -> { }
          }
          if (verdict.kind() != AckCheck.Kind.ANSWER || !seen.add(ack.getStatus())) {
            continue;
          }
          print(ack, sent);
          Integer exit = outcome(ack, sent);
          if (exit != null) {
            return exit;
          }
        }
        case ConnectionLost lost -> Console.connectionLost(err, options.broker, lost);
        case Reconnected reconnected -> {
          session.subscribe(ackTopic.toString());
          Console.reconnected(err, options.broker, ackTopic + " (acks sent meanwhile are lost)");
        }
        case Stop stop -> {
          return Lunarctl.EXIT_INTERRUPTED;
        }
      }
    }
  }

  /** The exit code once {@code ack} settles it, or null to wait on. */
  private Integer outcome(CommandAck ack, Sent sent) {
    return switch (ack.getStatus()) {
      case STATUS_COMPLETED -> Lunarctl.EXIT_OK;
      case STATUS_FAILED -> Lunarctl.EXIT_FAILED;
      case STATUS_REJECTED -> {
        hint(ack, sent);
        yield Lunarctl.EXIT_REJECTED;
      }
      case STATUS_ACCEPTED -> options.noWait ? Lunarctl.EXIT_ACCEPTED : null;
      default -> null;
    };
  }

  /** A BAD_ARGUMENT after an inferred integer is most likely a number written without a point. */
  private void hint(CommandAck ack, Sent sent) {
    if (ack.getReason() != Reason.REASON_BAD_ARGUMENT) {
      return;
    }
    for (Arg arg : sent.args()) {
      if (arg.inferred() && arg.kind() == CommandArgs.Kind.INTEGER) {
        String value = arg.given().substring(arg.given().indexOf('=') + 1);
        Console.note(err, "note: " + arg.given() + " was sent as an integer; if the command wants a number, write "
            + arg.name() + "=" + value + ".0 or " + arg.name() + ":number=" + value);
      }
    }
  }

  private void print(CommandAck ack, Sent sent) {
    String status = label(ack.getStatus());
    if (options.json) {
      StringBuilder line = new StringBuilder("{\"controller\":").append(JsonFormatter.quote(sent.controller()))
          .append(",\"command\":").append(JsonFormatter.quote(sent.command()))
          .append(",\"keyId\":").append(JsonFormatter.quote(sent.keyId()))
          .append(",\"counter\":\"").append(Long.toUnsignedString(sent.counter())).append('"')
          .append(",\"requestId\":\"").append(Long.toUnsignedString(sent.requestId())).append('"')
          .append(",\"status\":").append(JsonFormatter.quote(status))
          .append(",\"reason\":").append(JsonFormatter.quote(ack.getReason().name()))
          .append(",\"text\":").append(JsonFormatter.quote(ack.getText()));
      if (ack.hasHeader() && ack.getHeader().getSampleTimeNs() != 0) {
        long ns = ack.getHeader().getSampleTimeNs();
        line.append(",\"time\":").append(JsonFormatter.quote(
            Instant.ofEpochSecond(Long.divideUnsigned(ns, 1_000_000_000L), Long.remainderUnsigned(ns, 1_000_000_000L))
                .toString()));
      }
      line.append(",\"historical\":").append(ack.hasHeader() && ack.getHeader().getHistorical()).append('}');
      out.println(line);
    } else {
      String text = printable(ack.getText());
      out.println(status + (ack.getStatus() == Status.STATUS_REJECTED ? " " + ack.getReason().name() : "")
          + (text.isEmpty() ? "" : ": " + text)
          + (ack.hasHeader() && ack.getHeader().getHistorical() ? " (historical)" : ""));
    }
    out.flush();
  }

  /**
   * The acks ignored while waiting, for stderr: the first of each kind and label is noted at once,
   * repeats only counted; the timeout note says what was seen.
   */
  private static final class Ignored {
    private final PrintWriter err;
    private final Sent sent;
    private final Map<String, Integer> forged = new LinkedHashMap<>();
    private final Set<String> forgedNoted = new HashSet<>();
    private final Map<String, Integer> unauthenticated = new LinkedHashMap<>();
    private int repeats;

    Ignored(PrintWriter err, Sent sent) {
      this.err = err;
      this.sent = sent;
    }

    void forged(CommandAck ack, String why) {
      String label = AckCheck.label(ack);
      forged.merge(label, 1, Integer::sum);
      if (forgedNoted.add(label + ": " + why)) {
        Console.note(err, "FORGED ack for request " + Long.toUnsignedString(sent.requestId()) + " (" + label + "): "
            + why + "; ignored");
      } else {
        repeats++;
      }
    }

    void unauthenticated(CommandAck ack) {
      String label = AckCheck.label(ack);
      if (unauthenticated.merge(label, 1, Integer::sum) == 1) {
        Console.note(err, "unauthenticated " + label + " naming " + (ack.getRequestId() == 0 ? "key " + sent.keyId()
            : "request " + Long.toUnsignedString(sent.requestId())) + ": it has no MAC, so anybody may have sent it;"
            + " not taken as the answer, still waiting");
      } else {
        repeats++;
      }
    }

    /** What the timeout note adds: the unauthenticated refusals and forged acks seen, if any. */
    String afterTimeout() {
      StringBuilder text = new StringBuilder();
      if (!unauthenticated.isEmpty()) {
        text.append("; unauthenticated refusals were seen (").append(counts(unauthenticated)).append("): the"
            + " controller refusing this key's secret (check --key-file and --key) or someone forging them");
      }
      if (!forged.isEmpty()) {
        text.append("; forged acks were ignored (").append(counts(forged)).append(')');
      }
      if (unauthenticated.isEmpty() && forged.isEmpty()) {
        text.append(" (is the controller online? past its budget of answers a controller counts refusals without"
            + " answering them)");
      }
      return text.toString();
    }

    /** Once the wait is over: how many repeats were not noted one by one. */
    void summary() {
      if (repeats > 0) {
        Console.note(err, "ignored " + repeats + " more forged or unauthenticated acks like those above");
      }
    }

    private static String counts(Map<String, Integer> seen) {
      return seen.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
          .collect(java.util.stream.Collectors.joining(", "));
    }
  }

  /** {@code ACCEPTED}, {@code COMPLETED}, ... */
  static String label(Status status) {
    return status.name().startsWith("STATUS_") ? status.name().substring("STATUS_".length()) : status.name();
  }

  /** The controller's text, with control characters shown as '?' so it cannot drive the terminal. */
  static String printable(String text) {
    return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  /** A random correlation id, never 0 (0 is what a refusal carries when the body could not be read). */
  private static long requestId() {
    long id;
    do {
      id = RANDOM.nextLong();
    } while (id == 0);
    return id;
  }

  static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
