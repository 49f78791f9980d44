package space.lunarbase.ground.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
import space.lunarbase.ground.cli.SequenceTracker.Marker;

/**
 * {@code lunarctl watch}: subscribes to a topic filter and prints one line per message (decoded by
 * its topic), with markers for sequence gaps and controller reboots, until {@code --count} messages
 * have arrived, {@code --timeout} runs out, or Ctrl-C. Everything is decoded and printed on the
 * calling thread; the MQTT client's threads only queue what arrives.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Print what controllers publish, one line per message.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:--count messages arrived (or stdout was closed)",
        "2:cannot connect to or subscribe at the broker",
        "3:--timeout ran out first",
        "64:invalid command line",
        "130:interrupted (Ctrl-C)"})
public final class WatchCommand implements Callable<Integer> {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<topic-filter>",
      description = "MQTT topic filter, e.g. 'lunarbase/v1/#' or 'lunarbase/v1/+/+/tlm/bank'.")
  private String filter;

  @Option(names = "--broker", paramLabel = "URL", defaultValue = "${env:LUNARBASE_BROKER:-tcp://127.0.0.1:1883}",
      description = "Broker URL (default: $LUNARBASE_BROKER, else tcp://127.0.0.1:1883).")
  private String broker;

  @Option(names = "--json", description = "Print one JSON object per line instead of text.")
  private boolean json;

  @Option(names = "--count", paramLabel = "N", description = "Exit (code 0) after N messages.")
  private Integer count;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Exit with code 3 when not done by then (e.g. 10s, 500ms, 2m, PT10S).")
  private Duration timeout;

  private final Clock clock;
  private final Decoder decoder = new Decoder();
  private final SequenceTracker tracker = new SequenceTracker();

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
    PrintWriter err = spec.commandLine().getErr();
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    Duration connectTimeout = timeout != null && timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
    BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    BrokerSession session;
    try {
      session = BrokerSession.connect(broker, inbox, clock, connectTimeout);
    } catch (BrokerUnavailable e) {
      return fail(err, Lunarctl.EXIT_BROKER, "cannot connect to " + broker + ": " + e.getMessage());
    }
    CountDownLatch closed = new CountDownLatch(1);
    Thread onInterrupt = new Thread(() -> stopAndWait(inbox, closed), "lunarctl-shutdown");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      session.subscribe(filter);
      return watch(session, inbox, deadline);
    } catch (BrokerUnavailable e) {
      return fail(err, Lunarctl.EXIT_BROKER, "at " + broker + ": " + e.getMessage());
    } finally {
      session.close();
      closed.countDown();
      removeHook(onInterrupt);
    }
  }

  private int watch(BrokerSession session, BlockingQueue<Inbound> inbox, long deadline) throws BrokerUnavailable {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LineFormatter formatter = json ? new JsonFormatter() : new FrameFormatter();
    int received = 0;
    while (count == null || received < count) {
      Inbound next;
      try {
        next = deadline == Long.MAX_VALUE ? inbox.take()
            : inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Lunarctl.EXIT_INTERRUPTED;
      }
      switch (next) {
        case null -> {
          return fail(err, Lunarctl.EXIT_TIMEOUT, "timed out after " + DurationConverter.format(timeout) + " (" + received
              + (count == null ? "" : " of " + count) + " messages)");
        }
        case Arrival arrival -> {
          received++;
          if (!show(out, formatter, arrival)) {
            return Lunarctl.EXIT_OK;
          }
        }
        case ConnectionLost lost -> note(err, "lost the connection to " + broker + " ("
            + BrokerSession.describe(lost.cause()) + "); reconnecting");
        case Reconnected reconnected -> {
          session.subscribe(filter);
          note(err, "reconnected to " + broker + " and subscribed again to '" + filter + "'");
        }
        case Stop stop -> {
          return Lunarctl.EXIT_INTERRUPTED;
        }
      }
    }
    return Lunarctl.EXIT_OK;
  }

  /** Prints the lines for one arrival; false when stdout is gone (e.g. the end of a pipe closed). */
  private boolean show(PrintWriter out, LineFormatter formatter, Arrival arrival) {
    switch (decoder.decode(arrival.topic(), arrival.payload())) {
      case Decoded decoded -> {
        for (Marker marker : tracker.observe(decoded.topic(), decoded.header())) {
          out.println(formatter.marker(marker));
        }
        out.println(formatter.message(arrival, decoded));
      }
      case Undecodable undecodable -> out.println(formatter.undecodable(arrival, undecodable.reason()));
    }
    return !out.checkError(); // flushes
  }

  private void validate() {
    if (count != null && count < 1) {
      throw new ParameterException(spec.commandLine(), "--count must be 1 or more, not " + count);
    }
    try {
      MqttTopic.validate(filter, true);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "'" + filter + "' is not an MQTT topic filter: "
          + e.getMessage());
    }
  }

  private static int fail(PrintWriter err, int exitCode, String message) {
    note(err, message);
    return exitCode;
  }

  private static void note(PrintWriter err, String message) {
    err.println("lunarctl: " + message);
    err.flush();
  }

  /** Ctrl-C: ask the main thread to stop, and let the JVM end once it has disconnected. */
  private static void stopAndWait(BlockingQueue<Inbound> inbox, CountDownLatch closed) {
    inbox.add(new Stop());
    try {
      closed.await(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down (Ctrl-C): the hook is running
    }
  }
}
