package space.lunarbase.ground.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Decoder.Undecodable;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.Inbound.ConnectionLost;
import space.lunarbase.ground.cli.Inbound.Reconnected;
import space.lunarbase.ground.cli.Inbound.Stop;
import space.lunarbase.ground.cli.SchemaCatalog.Accepted;
import space.lunarbase.ground.cli.SequenceTracker.Marker;
import space.lunarbase.proto.Schema;

/**
 * {@code lunarctl watch}: subscribes to a topic filter and prints one line per message, with
 * markers for sequence gaps and controller reboots, until {@code --count} messages have arrived,
 * {@code --timeout} runs out, or Ctrl-C. Everything is decoded and printed on the calling thread;
 * the MQTT client's threads only queue what arrives.
 *
 * <p>Messages are decoded with the schema each controller publishes (retained) on its
 * {@code schema} topic, as dynamic messages: the watch subscribes to the schema topics of the
 * controllers its filter names before the filter itself, so the retained schemas come first. A
 * controller's messages that arrive before any schema of it are held for {@link #SCHEMA_GRACE};
 * then they are decoded with lunarctl's compiled classes, and stderr says so once per controller.
 * Historical copies of frames already seen (same controller, topic, boot and sequence) are left out.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Print what controllers publish, one line per message, decoded with each controller's published schema.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:--count messages arrived (or stdout was closed)",
        "2:cannot connect to or subscribe at the broker",
        "3:--timeout ran out first",
        "64:invalid command line",
        "130:interrupted (Ctrl-C)"})
public final class WatchCommand implements Callable<Integer> {

  /** How long a controller's first messages wait for its schema before lunarctl's own is used. */
  static final Duration SCHEMA_GRACE = Duration.ofMillis(500);

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<topic-filter>",
      description = "MQTT topic filter, e.g. 'lunarbase/v1/#' or 'lunarbase/v1/+/+/tlm/bank'.")
  private String filter;

  @Mixin
  private BrokerOption broker;

  @Option(names = "--json", description = "Print one JSON object per line instead of text.")
  private boolean json;

  @Option(names = "--count", paramLabel = "N", description = "Exit (code 0) after N messages.")
  private Integer count;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Exit with code 3 when not done by then (e.g. 10s, 500ms, 2m, PT10S).")
  private Duration timeout;

  @Option(names = "--topic-prefix", paramLabel = "P",
      description = "Topics are P/lunarbase/v1/... (what 'lunarctl replay --topic-prefix P' publishes).")
  private String topicPrefix;

  private final Clock clock;
  private final Decoder decoder = new Decoder();
  private final SequenceTracker tracker = new SequenceTracker();
  private final SchemaCatalog catalog = new SchemaCatalog();
  /** Messages of controllers whose schema has not arrived yet, by controller, in arrival order. */
  private final Map<String, Held> held = new LinkedHashMap<>();
  /** Controllers decoded with the compiled classes (their schema did not come in time). */
  private final Set<String> builtin = new HashSet<>();
  private final Set<String> noted = new HashSet<>();

  private PrintWriter out;
  private PrintWriter err;
  private LineFormatter formatter;
  private int shown;
  private boolean stdoutGone;

  private record Held(long untilNanos, List<Arrival> arrivals) {}

  /** For picocli: the system clock stamps payloads that carry no sample time of their own. */
  public WatchCommand() {
    this(Clock.systemUTC());
  }

  WatchCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    validate();
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    formatter = json ? new JsonFormatter() : new FrameFormatter();
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    try (Console.CtrlC ctrlC = new Console.CtrlC(inbox)) {
      BrokerSession session;
      try {
        session = BrokerSession.connect(broker, inbox, clock, BrokerSession.connectTimeout(timeout));
      } catch (BrokerUnavailable e) {
        return Console.fail(err, e.exitCode(), "cannot connect to " + broker + ": " + e.getMessage());
      }
      try (session) {
        subscribe(session);
        return watch(session, inbox, deadline);
      } catch (BrokerUnavailable e) {
        return Console.fail(err, Lunarctl.EXIT_BROKER, "at " + broker + ": " + e.getMessage());
      }
    }
  }

  /** The schema topics first, so that their retained copies arrive before what they decode. */
  private void subscribe(BrokerSession session) throws BrokerUnavailable {
    String schemas = schemaFilter(filter, topicPrefix);
    if (schemas != null) {
      session.subscribe(schemas);
    }
    session.subscribe(filter);
  }

  private int watch(BrokerSession session, BlockingQueue<Inbound> inbox, long deadline) throws BrokerUnavailable {
    while (!done()) {
      long wake = Math.min(deadline, held.values().stream().mapToLong(Held::untilNanos).min().orElse(Long.MAX_VALUE));
      Inbound next;
      try {
        next = wake == Long.MAX_VALUE ? inbox.take() : inbox.poll(wake - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Lunarctl.EXIT_INTERRUPTED;
      }
      switch (next) {
        case null -> {
          boolean timedOut = System.nanoTime() - deadline >= 0;
          releaseExpired(timedOut ? Long.MAX_VALUE : System.nanoTime());
          if (timedOut && !done()) {
            return Console.fail(err, Lunarctl.EXIT_TIMEOUT, "timed out after " + DurationConverter.format(timeout)
                + " (" + shown + (count == null ? "" : " of " + count) + " messages)");
          }
        }
        case Arrival arrival -> arrive(arrival);
        case ConnectionLost lost -> Console.connectionLost(err, broker, lost);
        case Reconnected reconnected -> {
          subscribe(session);
          Console.reconnected(err, broker, "'" + filter + "'");
        }
        case Stop stop -> {
          return Lunarctl.EXIT_INTERRUPTED;
        }
      }
    }
    return Lunarctl.EXIT_OK;
  }

  private boolean done() {
    return stdoutGone || count != null && shown >= count;
  }

  private void arrive(Arrival arrival) {
    String topic = arrival.topic();
    if (topicPrefix != null) {
      if (!topic.startsWith(topicPrefix + "/")) {
        print(formatter.undecodable(arrival, "not under the topic prefix '" + topicPrefix + "/'"), true);
        return;
      }
      topic = topic.substring(topicPrefix.length() + 1);
    }
    TopicName name;
    try {
      name = TopicName.parse(topic);
    } catch (IllegalArgumentException e) {
      print(formatter.undecodable(arrival, e.getMessage()), true);
      return;
    }
    if (name.kind() == TopicName.Kind.SCHEMA) {
      schemaArrived(arrival, name);
      return;
    }
    String controller = name.controllerPath();
    Held waiting = held.get(controller);
    if (waiting != null) {
      waiting.arrivals().add(arrival);
    } else if (catalog.forController(controller).isPresent() || builtin.contains(controller)) {
      show(arrival, name);
    } else {
      held.put(controller, new Held(System.nanoTime() + SCHEMA_GRACE.toNanos(), new ArrayList<>(List.of(arrival))));
    }
  }

  private void schemaArrived(Arrival arrival, TopicName name) {
    String controller = name.controllerPath();
    boolean wanted = MqttTopic.isMatched(filter, arrival.topic());
    Accepted accepted;
    try {
      accepted = catalog.accept(controller, arrival.payload());
    } catch (IllegalArgumentException e) {
      if (wanted) {
        print(formatter.undecodable(arrival, e.getMessage()), true);
      }
      noteOnce(controller + " unusable schema", "the schema of " + controller + " is unusable (" + e.getMessage()
          + "); its messages are decoded with lunarctl's built-in schema v" + Schema.VERSION);
      return;
    }
    if (accepted.isNew()) {
      if (wanted) {
        print(formatter.schema(arrival, name, accepted.schema()), true);
      }
      if (builtin.remove(controller)) {
        Console.note(err, "schema " + accepted.schema().shortHash() + " of " + controller
            + " arrived: decoding its messages with it from now on");
      }
    }
    release(controller);
  }

  /** Lets go of the held messages of every controller whose wait ends by {@code nowNanos}. */
  private void releaseExpired(long nowNanos) {
    for (String controller : List.copyOf(held.keySet())) {
      if (held.get(controller).untilNanos() - nowNanos <= 0) {
        builtin.add(controller);
        noteOnce(controller + " no schema", "no schema from " + controller + " within "
            + DurationConverter.format(SCHEMA_GRACE) + ": decoding its messages with lunarctl's built-in schema v"
            + Schema.VERSION + " until one arrives");
        release(controller);
      }
    }
  }

  private void release(String controller) {
    Held waiting = held.remove(controller);
    if (waiting != null) {
      for (Arrival arrival : waiting.arrivals()) {
        String topic = topicPrefix == null ? arrival.topic() : arrival.topic().substring(topicPrefix.length() + 1);
        show(arrival, TopicName.parse(topic));
      }
    }
  }

  /** Decodes one message of a controller with its schema (or the built-in one) and prints its lines. */
  private void show(Arrival arrival, TopicName name) {
    WireSchema schema = catalog.forController(name.controllerPath()).orElse(WireSchema.BUILTIN);
    switch (decoder.decode(name, arrival.payload(), schema)) {
      case Decoded decoded -> {
        Envelope header = decoded.header();
        if (header != null) {
          if (tracker.isRepeat(name, header) && header.historical()) {
            return; // a journaled copy of a frame that did get through: already shown
          }
          for (Marker marker : tracker.observe(name, header)) {
            print(formatter.marker(marker), false);
          }
        }
        print(formatter.message(arrival, decoded), true);
        if (name.kind() == TopicName.Kind.STATE) {
          String hash = Fields.string(decoded.message(), "schema_hash");
          if (!hash.isEmpty() && !hash.equals(schema.hash())) {
            catalog.birth(name.controllerPath(), hash); // decode with that set from now on, if seen
          }
        }
      }
      case Undecodable undecodable -> print(formatter.undecodable(arrival, undecodable.reason()), true);
    }
  }

  /** Prints a line unless done; a message line counts towards --count, a marker does not. */
  private void print(String line, boolean isMessage) {
    if (done()) {
      return;
    }
    out.println(line);
    stdoutGone = out.checkError(); // flushes; true when the reader of stdout went away
    if (isMessage) {
      shown++;
    }
  }

  private void noteOnce(String key, String message) {
    if (noted.add(key)) {
      Console.note(err, message);
    }
  }

  /**
   * The filter of the schema topics of every controller {@code filter} can name, under
   * {@code prefix} when given; null when it names none (not a lunarbase/v1 filter).
   */
  static String schemaFilter(String filter, String prefix) {
    String rest = filter;
    String head = "";
    if (prefix != null) {
      if (!filter.startsWith(prefix + "/")) {
        return null;
      }
      head = prefix + "/";
      rest = filter.substring(head.length());
    }
    String[] levels = rest.split("/", -1);
    String[] wanted = {"lunarbase", "v1", "+", "+"};
    boolean anything = false;
    for (int i = 0; i < wanted.length; i++) {
      String level = anything || i >= levels.length ? "#" : levels[i];
      if (level.equals("#")) {
        anything = true;
        continue;
      }
      if (i < 2 && !level.equals("+") && !level.equals(wanted[i])) {
        return null;
      }
      if (i >= 2) {
        wanted[i] = level;
      }
    }
    return head + String.join("/", wanted) + "/schema";
  }

  private void validate() {
    SubscriptionArgs.check(spec, filter, count);
    if (topicPrefix != null) {
      topicPrefix = ReplayCommand.validPrefix(spec, topicPrefix);
    }
  }
}
