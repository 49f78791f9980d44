package space.lunarbase.ground.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.Inbound.ConnectionLost;
import space.lunarbase.ground.cli.Inbound.Reconnected;
import space.lunarbase.ground.cli.Inbound.Stop;

/**
 * {@code lunarctl record FILE <filter>}: writes every message that arrives on the filter (topic,
 * QoS, retained flag, receive time, payload bytes) to a {@link RecordFile}, until {@code --count}
 * messages, {@code --timeout} or Ctrl-C; then prints one summary line. The file is flushed whenever
 * the inbox is empty, so what a killed recorder leaves is a good prefix that replay reads up to the
 * last whole record.
 */
@Command(name = "record", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Record every message on a topic filter to a file, for 'lunarctl replay'.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:--count messages recorded, or --timeout (without --count) ended the recording",
        "2:cannot connect to or subscribe at the broker",
        "3:--timeout ran out before --count messages (the file holds what came)",
        "4:cannot write FILE (or it exists and --force is not given), or a TLS or password file cannot be used",
        "64:invalid command line",
        "130:interrupted (Ctrl-C); the file is complete up to then"})
public final class RecordCommand implements Callable<Integer> {


  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The record file to write.")
  private Path file;

  @Parameters(index = "1", paramLabel = "<topic-filter>", description = "MQTT topic filter, e.g. 'lunarbase/v1/#'.")
  private String filter;

  @Mixin
  private BrokerOption broker;

  @Option(names = "--count", paramLabel = "N", description = "Stop (code 0) after N messages.")
  private Integer count;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long (e.g. 10s, 2m, 1h): code 0, or 3 when --count messages had not come.")
  private Duration timeout;

  @Option(names = "--force", description = "Overwrite FILE if it exists.")
  private boolean force;

  @Option(names = "--json", description = "Print the summary line as a JSON object.")
  private boolean json;

  private final Clock clock;

  /** For picocli: the system clock stamps each message's receive time. */
  public RecordCommand() {
    this(Clock.systemUTC());
  }

  RecordCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  @SuppressWarnings("try") // the Ctrl-C handler is held for the try block's duration, not used in it
  public Integer call() {
    validate();
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    long deadline = timeout == null ? Long.MAX_VALUE : started + timeout.toNanos();
    BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    try (Console.CtrlC ctrlC = new Console.CtrlC(inbox)) {
      BrokerSession session;
      try {
        session = BrokerSession.connect(broker, inbox, clock, BrokerSession.connectTimeout(timeout));
      } catch (BrokerUnavailable e) {
        return Console.fail(err, e.exitCode(), "cannot connect to " + broker + ": " + e.getMessage());
      }
      try (session) {
        RecordFile.Writer writer;
        try {
          OpenOption[] options = force
              ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
              : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
          writer = new RecordFile.Writer(file, options);
        } catch (FileAlreadyExistsException e) {
          return Console.fail(err, Lunarctl.EXIT_FILE, file + " exists (--force overwrites it)");
        } catch (IOException e) {
          return Console.fail(err, Lunarctl.EXIT_FILE, "cannot write " + file + ": " + e);
        }
        Tally tally = new Tally();
        int exit;
        try (writer) {
          session.subscribe(filter);
          exit = record(session, inbox, writer, deadline, tally);
        } catch (BrokerUnavailable e) {
          exit = Console.fail(err, Lunarctl.EXIT_BROKER, "at " + broker + ": " + e.getMessage());
        } catch (IOException e) {
          exit = Console.fail(err, Lunarctl.EXIT_FILE, "cannot write " + file + ": " + e);
        }
        summary(tally, System.nanoTime() - started, exit);
        return exit;
      }
    }
  }

  private static final class Tally {
    long messages;
    long payloadBytes;
    long fileBytes = RecordFile.HEADER_BYTES;
  }

  private int record(BrokerSession session, BlockingQueue<Inbound> inbox, RecordFile.Writer writer, long deadline,
      Tally tally) throws BrokerUnavailable, IOException {
    PrintWriter err = spec.commandLine().getErr();
    while (count == null || tally.messages < count) {
      Inbound next;
      try {
        next = inbox.poll();
        if (next == null) {
          writer.flush(); // nothing waiting: what came so far is on disk
          next = deadline == Long.MAX_VALUE ? inbox.take()
              : inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Lunarctl.EXIT_INTERRUPTED;
      }
      switch (next) {
        case null -> {
          if (count == null) {
            return Lunarctl.EXIT_OK;
          }
          return Console.fail(err, Lunarctl.EXIT_TIMEOUT, "timed out after " + DurationConverter.format(timeout) + " ("
              + tally.messages + " of " + count + " messages)");
        }
        case Arrival arrival -> {
          writer.write(RecordFile.Entry.of(arrival));
          tally.messages++;
          tally.payloadBytes += arrival.payload().length;
          tally.fileBytes = writer.bytes();
        }
        case ConnectionLost lost -> Console.connectionLost(err, broker, lost);
        case Reconnected reconnected -> {
          session.subscribe(filter);
          Console.reconnected(err, broker, "'" + filter + "'");
        }
        case Stop stop -> {
          return Lunarctl.EXIT_INTERRUPTED;
        }
      }
    }
    return Lunarctl.EXIT_OK;
  }

  private void summary(Tally tally, long nanos, int exit) {
    PrintWriter out = spec.commandLine().getOut();
    double seconds = nanos / 1e9;
    if (json) {
      out.println(String.format(Locale.ROOT, "{\"command\":\"record\",\"file\":%s,\"filter\":%s,\"broker\":%s,"
              + "\"messages\":%d,\"payloadBytes\":%d,\"fileBytes\":%d,\"seconds\":%.3f,\"exitCode\":%d}",
          JsonFormatter.quote(file.toString()), JsonFormatter.quote(filter), JsonFormatter.quote(broker.url()),
          tally.messages, tally.payloadBytes, tally.fileBytes, seconds, exit));
    } else {
      out.println(String.format(Locale.ROOT, "recorded %d messages (%d payload bytes) from '%s' at %s into %s"
          + " (%d bytes) in %.1fs", tally.messages, tally.payloadBytes, filter, broker, file, tally.fileBytes, seconds));
    }
    out.flush();
  }

  private void validate() {
    SubscriptionArgs.check(spec, filter, count);
  }
}
