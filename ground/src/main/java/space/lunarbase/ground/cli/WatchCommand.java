package space.lunarbase.ground.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Decoder.Undecodable;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.Inbound.ConnectionLost;
import space.lunarbase.ground.cli.Inbound.Reconnected;
import space.lunarbase.ground.cli.Inbound.Stop;
import space.lunarbase.ground.cli.SequenceTracker.Marker;
import space.lunarbase.wire.Topic;

/**
 * {@code lunarctl watch}: subscribes to a topic filter and prints one line per message, with
 * markers for sequence gaps and controller reboots, until {@code --count} messages have arrived,
 * {@code --timeout} runs out, or Ctrl-C. Everything is decoded and printed on the calling thread;
 * the MQTT client's threads only queue what arrives.
 *
 * <p>Messages are decoded with the schema each controller publishes (retained) on its
 * {@code schema} topic, as dynamic messages, but only with the one whose SHA-256 its birth names
 * ({@link SchemaCatalog}): the watch subscribes to the schema topics, and to the state topics its
 * filter does not cover, of the controllers its filter names before the filter itself, so the
 * retained schemas and births come first. A controller's messages wait up to {@link #SCHEMA_GRACE}
 * for its schema and birth; without a schema they are then decoded with lunarctl's compiled
 * classes, and with a schema its birth does not name they are not decoded at all: stderr says
 * which, once per controller. Historical copies of frames already seen (same controller, topic,
 * boot and sequence) are left out.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Print what controllers publish, one line per message, decoded with the schema each controller"
        + " publishes, if its birth names that schema's SHA-256.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:--count messages arrived (or stdout was closed)",
        "2:cannot connect to or subscribe at the broker",
        "3:--timeout ran out first",
        "4:a TLS file (--ca, --cert, --cert-key) or the --password-file cannot be used",
        "64:invalid command line",
        "130:interrupted (Ctrl-C)"})
public final class WatchCommand implements Callable<Integer> {

  /** How long a controller's messages wait for its schema and birth to come and agree. */
  static final Duration SCHEMA_GRACE = Duration.ofMillis(500);
  private static final String BUILTIN = "built-in";
  private static final String REFUSED = "refused";

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
  private final SchemaCatalog catalog = new SchemaCatalog(SCHEMA_GRACE);
  /** The last birth and dictionary of each controller, and the hash of the dictionary learnt from them. */
  private final Map<String, byte[]> births = new HashMap<>();
  private final Map<String, Arrival> dictionaries = new HashMap<>();
  private final Map<String, String> learnedDictionaries = new HashMap<>();
  /** Messages of controllers whose schema is not settled, by controller, in arrival order. */
  private final Map<String, Held> held = new LinkedHashMap<>();
  /** How each controller's messages were decoded last: a schema's hash, BUILTIN or REFUSED. */
  private final Map<String, String> decodedWith = new HashMap<>();
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
  @SuppressWarnings("try") // the Ctrl-C handler is held for the try block's duration, not used in it
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

  /**
   * The schema topics and (unless the filter covers them) the state topics first, so that their
   * retained copies arrive before what they decode. Overlapping subscriptions could deliver a state
   * twice; schemas repeated are not shown again.
   */
  private void subscribe(BrokerSession session) throws BrokerUnavailable {
    String schemas = siblingFilter(filter, topicPrefix, "schema");
    if (schemas != null) {
      session.subscribe(schemas);
    }
    String states = siblingFilter(filter, topicPrefix, "state");
    if (states != null && !covers(filter, states)) {
      session.subscribe(states);
    }
    String dictionaries = siblingFilter(filter, topicPrefix, "dictionary");
    if (dictionaries != null && !covers(filter, dictionaries)) {
      session.subscribe(dictionaries);
    }
    session.subscribe(filter);
  }

  /**
   * Whether every topic {@code sibling} (a {@link #siblingFilter} of {@code filter}) matches is one
   * {@code filter} matches too: its wildcard levels stand where {@code filter} has wildcards, so a
   * level no id can be stands in for them.
   */
  static boolean covers(String filter, String sibling) {
    return MqttTopic.isMatched(filter, sibling.replace("+", "_"));
  }

  private int watch(BrokerSession session, BlockingQueue<Inbound> inbox, long deadline) throws BrokerUnavailable {
    while (!done()) {
      long wake = Math.min(deadline, held.values().stream().mapToLong(Held::untilNanos).min().orElse(Long.MAX_VALUE));
      // (nanoTime values compare by difference; a deadline of Long.MAX_VALUE means none)
      Inbound next;
      try {
        next = wake == Long.MAX_VALUE ? inbox.take() : inbox.poll(wake - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Lunarctl.EXIT_INTERRUPTED;
      }
      switch (next) {
        case null -> {
          boolean timedOut = deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0;
          releaseExpired(System.nanoTime(), timedOut);
          if (timedOut && !done()) {
            return Console.fail(err, Lunarctl.EXIT_TIMEOUT, "timed out after " + DurationConverter.format(timeout)
                + " (" + shown + (count == null ? "" : " of " + count) + " messages)");
          }
        }
        case Arrival arrival -> {
          arrive(arrival);
          releaseExpired(System.nanoTime(), false); // a steady stream must not keep others waiting
        }
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
    Topic name;
    try {
      name = Topic.parse(topic);
    } catch (IllegalArgumentException e) {
      print(formatter.undecodable(arrival, e.getMessage()), true);
      return;
    }
    String controller = name.controllerPath();
    long now = System.nanoTime();
    boolean wanted = MqttTopic.isMatched(filter, arrival.topic());
    if (name.kind() == Topic.Kind.SCHEMA) {
      schemaArrived(arrival, name, wanted, now);
    } else if (name.kind() == Topic.Kind.DICTIONARY) {
      dictionaries.put(controller, arrival);
      learnDictionary(controller);
    } else {
      if (name.kind() == Topic.Kind.STATE) {
        catalog.state(controller, arrival.payload(), now);
        births.put(controller, arrival.payload());
        learnDictionary(controller);
      }
      if (wanted) {
        held.computeIfAbsent(controller, c -> new Held(now, new ArrayList<>())).arrivals().add(arrival);
      }
    }
    drain(controller, now);
  }

  /**
   * Learns {@code controller}'s dictionary once its birth names the one that arrived (so channel
   * values are named from the first frame), and shows it if the filter asks for it.
   */
  private void learnDictionary(String controller) {
    Arrival arrival = dictionaries.get(controller);
    if (arrival == null || !(DictionaryLookup.judge(births.get(controller), arrival.payload())
        instanceof DictionaryLookup.Found found)) {
      return;
    }
    String hash = DictionaryLookup.sha256(arrival.payload());
    if (hash.equals(learnedDictionaries.put(controller, hash))) {
      return;
    }
    formatter.learn(controller, found.dictionary());
    if (MqttTopic.isMatched(filter, arrival.topic())) {
      Topic name = Topic.parse(topicPrefix == null ? arrival.topic()
          : arrival.topic().substring(topicPrefix.length() + 1));
      print(formatter.dictionary(arrival, name, found.dictionary()), true);
    }
  }

  private void schemaArrived(Arrival arrival, Topic name, boolean wanted, long now) {
    SchemaCatalog.Published published = catalog.published(name.controllerPath(), arrival.topic(), arrival.payload(),
        now);
    if (!wanted || !published.isNew()) {
      return;
    }
    if (published.schema().isPresent()) {
      print(formatter.schema(arrival, name, published.schema().get()), true);
    } else {
      print(formatter.undecodable(arrival, published.error().orElse("unusable schema")), true);
    }
  }

  /** Lets go of the held messages of every controller whose wait ends by {@code nowNanos} (all of them when {@code all}). */
  private void releaseExpired(long nowNanos, boolean all) {
    for (String controller : List.copyOf(held.keySet())) {
      long until = held.get(controller).untilNanos();
      if (all || until - nowNanos <= 0) {
        drain(controller, all && until - nowNanos > 0 ? until : nowNanos);
      }
    }
  }

  /** Shows {@code controller}'s held messages, unless its schema is still to be settled. */
  private void drain(String controller, long nowNanos) {
    Held waiting = held.get(controller);
    if (waiting == null) {
      return;
    }
    SchemaCatalog.Verdict verdict = catalog.verdict(controller, nowNanos);
    if (verdict instanceof SchemaCatalog.Wait wait) {
      held.put(controller, new Held(wait.untilNanos(), waiting.arrivals()));
      return;
    }
    held.remove(controller);
    for (Arrival arrival : waiting.arrivals()) {
      String topic = topicPrefix == null ? arrival.topic() : arrival.topic().substring(topicPrefix.length() + 1);
      show(arrival, Topic.parse(topic), verdict);
    }
  }

  /** Decodes one message as {@code verdict} says and prints its lines. */
  private void show(Arrival arrival, Topic name, SchemaCatalog.Verdict verdict) {
    String controller = name.controllerPath();
    WireSchema schema;
    switch (verdict) {
      case SchemaCatalog.Decode decode -> {
        decode.note().ifPresent(this::noteOnce);
        schema = decode.schema();
        String before = decodedWith.put(controller, schema.hash());
        if (BUILTIN.equals(before)) {
          Console.note(err, "schema " + schema.shortHash() + " of " + controller
              + " arrived: decoding its messages with it from now on");
        } else if (REFUSED.equals(before)) {
          Console.note(err, "schema " + schema.shortHash() + " of " + controller
              + " matches its birth now: decoding its messages with it from now on");
        }
      }
      case SchemaCatalog.Builtin builtin -> {
        noteOnce(builtin.note());
        schema = WireSchema.BUILTIN;
        decodedWith.put(controller, BUILTIN);
      }
      case SchemaCatalog.Refuse refuse -> {
        noteOnce(refuse.note());
        decodedWith.put(controller, REFUSED);
        print(formatter.undecodable(arrival, "not decoded: its schema is not the one its birth names (see stderr)"),
            true);
        return;
      }
      case SchemaCatalog.Wait wait -> throw new IllegalStateException("held messages are shown only once settled");
    }
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

  private void noteOnce(String message) {
    if (noted.add(message)) {
      Console.note(err, message);
    }
  }

  /**
   * The filter of the {@code leaf} topics ({@code schema}, {@code state}) of every controller
   * {@code filter} can name, under {@code prefix} when given; null when it names none (not a
   * lunarbase/v1 filter).
   */
  static String siblingFilter(String filter, String prefix, String leaf) {
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
    String[] wanted = (Topic.ROOT + "/+/+").split("/");
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
    return head + String.join("/", wanted) + "/" + leaf;
  }

  private void validate() {
    SubscriptionArgs.check(spec, filter, count);
    if (topicPrefix != null) {
      topicPrefix = ReplayCommand.validPrefix(spec, topicPrefix);
    }
  }
}
