package space.lunarbase.ground.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
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

/**
 * {@code lunarctl send <site>/<controller> <command> [name=value ...]}: signs a command with a key
 * of a key file (firmware-app/README.md, "Commanding"), publishes it on the controller's
 * {@code cmd} topic (QoS 1) and prints the controller's acknowledgements of it from {@code ack},
 * to which it subscribes before publishing: {@code ACCEPTED}, then {@code COMPLETED} or
 * {@code FAILED}; or one {@code REJECTED}. The exit code tells which ({@link Lunarctl}).
 *
 * <p>Acks are matched by the command's random 64-bit {@code request_id}. A controller that could
 * not authenticate the body (UNKNOWN_KEY, RATE_LIMITED, BAD_MAC) cannot echo it: an ack with
 * request id 0 and this command's key id is taken as the answer.
 */
@Command(name = "send", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = {"Sign a command, send it to a controller and print its acknowledgements.",
        "Arguments are name:kind=value (kind: number, int, bool, text) or name=value, typed by its text:"
            + " true/false a flag, 3 or -12 an integer, 2.5 or 1e3 a number, anything else text"
            + " (so amps=2 is an integer: write amps=2.0 or amps:number=2 for a number)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:COMPLETED",
        "2:cannot connect to the broker, or it did not take the command",
        "3:no acknowledgement at all within --timeout",
        "4:the key file (or the counter state file) cannot be used",
        "10:ACCEPTED, but --no-wait, or no COMPLETED/FAILED within --timeout",
        "11:FAILED",
        "12:REJECTED",
        "64:invalid command line",
        "130:Ctrl-C"})
public final class SendCommand implements Callable<Integer> {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern COMMAND = Pattern.compile("\\S{1,128}");
  private static final SecureRandom RANDOM = new SecureRandom();

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<site>/<controller>", description = "The controller, e.g. lunar-south/bank-ctl-1.")
  private String controller;

  @Parameters(index = "1", paramLabel = "<command>", description = "The command, e.g. core.NOOP or bank.SET_CHARGE_CURRENT.")
  private String command;

  @Parameters(index = "2..*", paramLabel = "name=value",
      description = "Arguments: name=value (kind inferred) or name:kind=value (number, int, bool, text).")
  private List<String> arguments = new ArrayList<>();

  @Option(names = "--key-file", paramLabel = "FILE", required = true,
      description = "The YAML key file (the firmware's format, e.g. deploy/keys/dev-keys.yml).")
  private Path keyFile;

  @Option(names = "--key", paramLabel = "ID", required = true, description = "The id of the key to sign with.")
  private String keyId;

  @Option(names = "--counter", paramLabel = "N", converter = CounterConverter.class,
      description = "Use this counter (1 .. 2^64-1) instead of the next one from the state file.")
  private Long counter;

  @Option(names = "--expires", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
      description = "The command expires this long after now, by the controller's clock (default: ${DEFAULT-VALUE}).")
  private Duration expires;

  @Mixin
  private BrokerOption broker;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s",
      description = "How long to wait for the acks after publishing (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(names = "--state-dir", paramLabel = "DIR",
      defaultValue = "${env:LUNARBASE_STATE_DIR:-${sys:user.home}/.lunarbase}",
      description = "Where the last counter per key is kept, in DIR/counters (default: $LUNARBASE_STATE_DIR,"
          + " else ~/.lunarbase).")
  private Path stateDir;

  @Option(names = "--json", description = "Print one JSON object per acknowledgement.")
  private boolean json;

  @Option(names = "--no-wait", description = "Exit at the first ack (ACCEPTED: 10, REJECTED: 12), without"
      + " waiting for COMPLETED or FAILED.")
  private boolean noWait;

  private final Clock clock;

  private PrintWriter out;
  private PrintWriter err;

  public SendCommand() {
    this(Clock.systemUTC());
  }

  SendCommand(Clock clock) {
    this.clock = clock;
  }

  /** Reads {@code --counter}: an unsigned 64-bit decimal, not 0. */
  static final class CounterConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      long counter;
      try {
        counter = Long.parseUnsignedLong(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a counter (1 .. 18446744073709551615)");
      }
      if (counter == 0) {
        throw new TypeConversionException("the counter starts at 1");
      }
      return counter;
    }
  }

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    TopicName cmdTopic = topic(TopicName.Kind.CMD);
    TopicName ackTopic = topic(TopicName.Kind.ACK);
    if (!COMMAND.matcher(command).matches()) {
      throw new ParameterException(spec.commandLine(), "'" + command + "' is not a command name (e.g. core.NOOP)");
    }
    Map<String, Arg> args;
    try {
      args = CommandArgs.parse(arguments);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    KeyFile.Key key;
    try {
      key = KeyFile.load(keyFile).require(keyId);
    } catch (BadKeyFile e) {
      return Console.fail(err, Lunarctl.EXIT_FILE, "key file " + e.getMessage());
    }

    BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    try (Console.CtrlC ctrlC = new Console.CtrlC(inbox)) {
      BrokerSession session;
      try {
        session = BrokerSession.connect(broker.url(), inbox, clock,
            timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT);
      } catch (BrokerUnavailable e) {
        return Console.fail(err, Lunarctl.EXIT_BROKER, "cannot connect to " + broker + ": " + e.getMessage());
      }
      try (session) {
        session.subscribe(ackTopic.toString());
        long useCounter;
        try {
          useCounter = new CounterStore(stateDir, clock).next(key.id(), counter);
        } catch (BadStateFile e) {
          return Console.fail(err, Lunarctl.EXIT_FILE, "counter state: " + e.getMessage());
        }
        Instant now = clock.instant();
        CommandBody.Builder body = CommandBody.newBuilder().setCounter(useCounter)
            .setExpiresNs(nanos(now.plus(expires))).setSiteId(cmdTopic.site()).setControllerId(cmdTopic.controller())
            .setCommand(command).setRequestId(requestId());
        args.values().forEach(a -> body.putArgs(a.name(), a.value()));
        Sent sent = new Sent(cmdTopic.controllerPath(), command, key.id(), useCounter, body.getRequestId(),
            List.copyOf(args.values()));
        SignedCommand signed = CommandSigner.sign(body.build(), key.id(), key.secret());
        session.await(session.publish(cmdTopic.toString(), signed.toByteArray(), BrokerSession.QOS, false));
        Console.note(err, "sent " + command + " to " + sent.controller() + " (key " + key.id() + ", counter "
            + Long.toUnsignedString(useCounter) + ", request " + Long.toUnsignedString(sent.requestId())
            + ", expires in " + DurationConverter.format(expires) + ")");
        return await(session, inbox, ackTopic, sent);
      } catch (BrokerUnavailable e) {
        return Console.fail(err, Lunarctl.EXIT_BROKER, "at " + broker + ": " + e.getMessage());
      }
    }
  }

  /** What was sent, to match and print the acks. */
  record Sent(String controller, String command, String keyId, long counter, long requestId, List<Arg> args) {}

  private int await(BrokerSession session, BlockingQueue<Inbound> inbox, TopicName ackTopic, Sent sent)
      throws BrokerUnavailable {
    long deadline = System.nanoTime() + timeout.toNanos();
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
                + DurationConverter.format(timeout) + ": the outcome is unknown (its events are on "
                + TopicName.PREFIX + sent.controller() + "/evt)");
          }
          return Console.fail(err, Lunarctl.EXIT_TIMEOUT, "no acknowledgement within " + DurationConverter.format(timeout)
              + " on " + ackTopic + " (is the controller online? a RATE_LIMITED key is refused silently after"
              + " the first refusal)");
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
          if (!ours(ack, sent) || !seen.add(ack.getStatus())) {
            continue;
          }
          print(ack, sent);
          Integer exit = outcome(ack, sent);
          if (exit != null) {
            return exit;
          }
        }
        case ConnectionLost lost -> Console.note(err, "lost the connection to " + broker + " ("
            + BrokerSession.describe(lost.cause()) + "); reconnecting");
        case Reconnected reconnected -> {
          session.subscribe(ackTopic.toString());
          Console.note(err, "reconnected to " + broker + " and subscribed again to " + ackTopic
              + " (acks sent meanwhile are lost)");
        }
        case Stop stop -> {
          return Lunarctl.EXIT_INTERRUPTED;
        }
      }
    }
  }

  /** This command's ack: its request id, or request id 0 (body not authenticated) under its key. */
  static boolean ours(CommandAck ack, Sent sent) {
    return ack.getRequestId() == sent.requestId()
        || ack.getRequestId() == 0 && ack.getKeyId().equals(sent.keyId());
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
      case STATUS_ACCEPTED -> noWait ? Lunarctl.EXIT_ACCEPTED : null;
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
    if (json) {
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

  /** {@code ACCEPTED}, {@code COMPLETED}, ... */
  static String label(Status status) {
    return status.name().startsWith("STATUS_") ? status.name().substring("STATUS_".length()) : status.name();
  }

  /** The controller's text, with control characters shown as '?' so it cannot drive the terminal. */
  static String printable(String text) {
    return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private TopicName topic(TopicName.Kind kind) {
    String[] parts = controller.split("/", -1);
    try {
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected <site>/<controller>");
      }
      return new TopicName(parts[0], parts[1], kind, null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "'" + controller + "' is not <site>/<controller>: " + e.getMessage());
    }
  }

  /** A random correlation id, never 0 (0 is what an ack carries when the body could not be read). */
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
