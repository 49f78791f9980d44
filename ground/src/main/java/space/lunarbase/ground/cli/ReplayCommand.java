package space.lunarbase.ground.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.ground.cli.Inbound.Stop;

/**
 * {@code lunarctl replay FILE}: publishes what {@code lunarctl record} wrote, in order, with its
 * topics (optionally under a prefix, so that live consumers are not fooled), QoS and retained flags,
 * spaced as they were received (scaled by {@code --speed}) or as fast as the broker takes them.
 * The file is read as it is replayed: when a record is truncated or corrupt, everything before it
 * has been published, stderr names the offset, and the exit code is {@link Lunarctl#EXIT_FILE}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Publish a file written by 'lunarctl record' again, with its original timing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every message of FILE was published",
        "2:cannot connect to the broker, or it went away while replaying",
        "4:FILE is missing, not a record file, or truncated/corrupt (what came before the named offset was published),"
            + " or a TLS or password file cannot be used",
        "64:invalid command line",
        "130:interrupted (Ctrl-C)"})
public final class ReplayCommand implements Callable<Integer> {


  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A file written by 'lunarctl record'.")
  private Path file;

  @Mixin
  private BrokerOption broker;

  @ArgGroup(exclusive = true)
  private Pace pace;

  static final class Pace {
    @Option(names = "--speed", paramLabel = "X", description = "Play X times as fast as recorded (default 1; 0.5 = half speed).")
    Double speed;

    @Option(names = "--as-fast-as-possible", description = "Publish without waiting between messages.")
    boolean asFastAsPossible;
  }

  @Option(names = "--topic-prefix", paramLabel = "P",
      description = "Publish on P/<original topic> (e.g. replay/lunarbase/v1/...), not on the original topics.")
  private String topicPrefix;

  @Option(names = "--json", description = "Print the summary line as a JSON object.")
  private boolean json;

  private final Clock clock;

  public ReplayCommand() {
    this(Clock.systemUTC());
  }

  ReplayCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  @SuppressWarnings("try") // the Ctrl-C handler is held for the try block's duration, not used in it
  public Integer call() {
    double speed = validate();
    PrintWriter err = spec.commandLine().getErr();
    RecordFile.Reader reader;
    try {
      reader = new RecordFile.Reader(file);
    } catch (NoSuchFileException e) {
      return Console.fail(err, Lunarctl.EXIT_FILE, file + ": no such file");
    } catch (IOException e) {
      return Console.fail(err, Lunarctl.EXIT_FILE, "cannot read " + file + ": " + e);
    } catch (RecordFile.Damaged e) {
      return Console.fail(err, Lunarctl.EXIT_FILE, file + ": " + e.getMessage() + "; nothing replayed");
    }
    BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    try (Console.CtrlC ctrlC = new Console.CtrlC(inbox)) {
      BrokerSession session;
      try {
        session = BrokerSession.connect(broker, inbox, clock, BrokerSession.CONNECT_TIMEOUT);
      } catch (BrokerUnavailable e) {
        return Console.fail(err, e.exitCode(), "cannot connect to " + broker + ": " + e.getMessage());
      }
      Tally tally = new Tally();
      long started = System.nanoTime();
      int exit;
      try (session) {
        exit = replay(session, reader, inbox, speed, tally, started);
      } catch (BrokerUnavailable e) {
        exit = Console.fail(err, Lunarctl.EXIT_BROKER, "at " + broker + " after " + tally.messages + " messages: "
            + e.getMessage());
      } catch (IOException e) {
        exit = Console.fail(err, Lunarctl.EXIT_FILE, "cannot read " + file + ": " + e);
      }
      summary(tally, System.nanoTime() - started, exit);
      return exit;
    } finally {
      try {
        reader.close();
      } catch (IOException e) {
        // a file only read: nothing is lost
      }
    }
  }

  private static final class Tally {
    long messages;
    long payloadBytes;
    RecordFile.Damaged damage;
  }

  private int replay(BrokerSession session, RecordFile.Reader reader, BlockingQueue<Inbound> inbox, double speed,
      Tally tally, long started) throws BrokerUnavailable, IOException {
    Deque<IMqttDeliveryToken> inFlight = new ArrayDeque<>();
    long firstReceived = 0;
    while (true) {
      RecordFile.Entry entry;
      try {
        entry = reader.next();
      } catch (RecordFile.Damaged e) {
        tally.damage = e;
        break;
      }
      if (entry == null) {
        break;
      }
      if (tally.messages == 0) {
        firstReceived = entry.receivedNanos();
      } else if (speed > 0) {
        long due = started + (long) ((entry.receivedNanos() - firstReceived) / speed);
        if (waitUntil(inbox, due)) {
          finish(session, inFlight);
          return Lunarctl.EXIT_INTERRUPTED;
        }
      } else if (inbox.poll() instanceof Stop) {
        finish(session, inFlight);
        return Lunarctl.EXIT_INTERRUPTED;
      }
      while (inFlight.size() >= BrokerSession.MAX_INFLIGHT - 1) {
        session.await(inFlight.removeFirst());
      }
      String topic = topicPrefix == null ? entry.topic() : topicPrefix + "/" + entry.topic();
      inFlight.addLast(session.publish(topic, entry.payload(), entry.qos(), entry.retained()));
      tally.messages++;
      tally.payloadBytes += entry.payload().length;
    }
    finish(session, inFlight);
    if (tally.damage != null) {
      return Console.fail(spec.commandLine().getErr(), Lunarctl.EXIT_FILE, file + ": " + tally.damage.getMessage()
          + "; replayed the " + tally.messages + " messages before it");
    }
    return Lunarctl.EXIT_OK;
  }

  /** Waits until {@code dueNanos}; true when Ctrl-C came first. */
  private static boolean waitUntil(BlockingQueue<Inbound> inbox, long dueNanos) {
    try {
      for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
        if (inbox.poll(left, TimeUnit.NANOSECONDS) instanceof Stop) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static void finish(BrokerSession session, Deque<IMqttDeliveryToken> inFlight) throws BrokerUnavailable {
    while (!inFlight.isEmpty()) {
      session.await(inFlight.removeFirst());
    }
  }

  private void summary(Tally tally, long nanos, int exit) {
    PrintWriter out = spec.commandLine().getOut();
    double seconds = nanos / 1e9;
    if (json) {
      out.println(String.format(Locale.ROOT, "{\"command\":\"replay\",\"file\":%s,\"broker\":%s,\"topicPrefix\":%s,"
              + "\"messages\":%d,\"payloadBytes\":%d,\"seconds\":%.3f,%s\"exitCode\":%d}",
          JsonFormatter.quote(file.toString()), JsonFormatter.quote(broker.url()),
          topicPrefix == null ? "null" : JsonFormatter.quote(topicPrefix), tally.messages, tally.payloadBytes, seconds,
          tally.damage == null ? "" : "\"error\":" + JsonFormatter.quote(tally.damage.getMessage()) + ",\"errorOffset\":"
              + tally.damage.offset() + ",",
          exit));
    } else {
      out.println(String.format(Locale.ROOT, "replayed %d messages (%d payload bytes) from %s to %s%s in %.1fs%s",
          tally.messages, tally.payloadBytes, file, broker, topicPrefix == null ? "" : " under '" + topicPrefix + "/'",
          seconds, tally.damage == null ? "" : " (stopped at offset " + tally.damage.offset() + ")"));
    }
    out.flush();
  }

  private double validate() {
    if (topicPrefix != null) {
      topicPrefix = validPrefix(spec, topicPrefix);
    }
    if (pace == null) {
      return 1;
    }
    if (pace.asFastAsPossible) {
      return 0;
    }
    if (pace.speed == null || !(pace.speed > 0) || pace.speed.isInfinite()) {
      throw new ParameterException(spec.commandLine(), "--speed must be a positive number, not " + pace.speed);
    }
    return pace.speed;
  }

  /** A topic prefix without its trailing slash; no wildcards, not empty. */
  static String validPrefix(CommandSpec spec, String prefix) {
    String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (trimmed.isEmpty() || trimmed.contains("+") || trimmed.contains("#") || trimmed.contains("\u0000")) {
      throw new ParameterException(spec.commandLine(), "--topic-prefix must be topic levels without wildcards, not '"
          + prefix + "'");
    }
    return trimmed;
  }
}
