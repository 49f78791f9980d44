package space.lunarbase.ground.cli;

import com.google.protobuf.Message;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Decoder.Undecodable;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.Inbound.Stop;
import space.lunarbase.wire.Topic;

/**
 * {@code lunarctl state [site[/controller]]}: the controllers the broker knows, from their retained
 * {@code state} topics (the birth, or the death a broker published as the last will), as a table
 * or one JSON object per controller. Reads until nothing has arrived for {@link #QUIET} (retained
 * copies come at once after the subscription), at most {@code --timeout}.
 */
@Command(name = "state", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "List controllers with their last birth or death (retained state topics).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:listed (possibly none: stderr says so)",
        "2:cannot connect to or subscribe at the broker",
        "4:a TLS file (--ca, --cert, --cert-key) or the --password-file cannot be used",
        "64:invalid command line",
        "130:interrupted (Ctrl-C)"})
public final class StateCommand implements Callable<Integer> {

  /** Silence after which every retained state has arrived. */
  static final Duration QUIET = Duration.ofMillis(300);
  private static final Pattern LEVEL = Pattern.compile("[a-z0-9-]+|\\+");

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "<site>[/<controller>]", defaultValue = "+/+",
      description = "Which controllers: a site, site/controller, with + for any (default: all).")
  private String which;

  @Mixin
  private BrokerOption broker;

  @Option(names = "--json", description = "One JSON object per controller instead of a table.")
  private boolean json;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "3s",
      description = "Read for at most this long (default 3s); also the connection timeout.")
  private Duration timeout;

  private final Clock clock;

  public StateCommand() {
    this(Clock.systemUTC());
  }

  StateCommand(Clock clock) {
    this.clock = clock;
  }

  /** One controller's last state. */
  record Row(Topic topic, Message state, Envelope header, boolean retained) {}

  @Override
  @SuppressWarnings("try") // the Ctrl-C handler is held for the try block's duration, not used in it
  public Integer call() {
    String filter = filter();
    PrintWriter err = spec.commandLine().getErr();
    long deadline = System.nanoTime() + timeout.toNanos();
    BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    Map<String, Row> rows = new TreeMap<>();
    try (Console.CtrlC ctrlC = new Console.CtrlC(inbox)) {
      BrokerSession session;
      try {
        session = BrokerSession.connect(broker, inbox, clock, timeout);
      } catch (BrokerUnavailable e) {
        return Console.fail(err, e.exitCode(), "cannot connect to " + broker + ": " + e.getMessage());
      }
      try (session) {
        session.subscribe(filter);
        Decoder decoder = new Decoder();
        while (true) {
          long wait = Math.min(QUIET.toNanos(), deadline - System.nanoTime());
          Inbound next = wait <= 0 ? null : inbox.poll(wait, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          if (next instanceof Stop) {
            return Lunarctl.EXIT_INTERRUPTED;
          }
          if (next instanceof Arrival arrival) {
            switch (decoder.decode(arrival.topic(), arrival.payload())) {
              case Decoded decoded -> rows.put(decoded.topic().controllerPath(),
                  new Row(decoded.topic(), decoded.message(), decoded.header(), arrival.retained()));
              case Undecodable undecodable -> Console.note(err, arrival.topic() + ": undecodable state ("
                  + undecodable.reason() + ")");
            }
          }
        }
      } catch (BrokerUnavailable e) {
        return Console.fail(err, Lunarctl.EXIT_BROKER, "at " + broker + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Lunarctl.EXIT_INTERRUPTED;
      }
    }
    print(rows, filter);
    return Lunarctl.EXIT_OK;
  }

  private void print(Map<String, Row> rows, String filter) {
    PrintWriter out = spec.commandLine().getOut();
    if (rows.isEmpty()) {
      Console.note(spec.commandLine().getErr(), "no controller state on '" + filter + "'");
      return;
    }
    if (json) {
      rows.values().forEach(row -> out.println(json(row)));
    } else {
      List<String[]> table = new ArrayList<>();
      table.add(new String[] {"CONTROLLER", "STATUS", "BOOT", "FIRMWARE", "HAL", "SCHEMA", "STARTED"});
      rows.values().forEach(row -> table.add(cells(row)));
      int[] widths = new int[table.getFirst().length];
      table.forEach(cells -> {
        for (int i = 0; i < cells.length; i++) {
          widths[i] = Math.max(widths[i], cells[i].length());
        }
      });
      for (String[] cells : table) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
          line.append(i == cells.length - 1 ? cells[i] : String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", cells[i]));
        }
        out.println(line.toString().stripTrailing());
      }
    }
    out.flush();
  }

  private static String[] cells(Row row) {
    Message state = row.state();
    String status = Fields.enumName(state, "status", "STATUS_");
    String reason = oneLine(Fields.string(state, "reason"));
    return new String[] {
        row.topic().controllerPath(),
        reason.isEmpty() ? status : status + " (" + reason + ")",
        Fields.integer(state, "boot_count"),
        orDash(oneLine(Fields.string(state, "firmware_version"))),
        orDash(oneLine(Fields.string(state, "hal_mode"))),
        "v" + row.header().schemaVersion() + " " + orDash(WireSchema.shortHash(oneLine(Fields.string(state, "schema_hash")))),
        startTime(state)};
  }

  private static String json(Row row) {
    Message state = row.state();
    String reason = Fields.string(state, "reason");
    return "{\"controller\":" + JsonFormatter.quote(row.topic().controllerPath())
        + ",\"site\":" + JsonFormatter.quote(row.topic().site())
        + ",\"controllerId\":" + JsonFormatter.quote(row.topic().controller())
        + ",\"status\":" + JsonFormatter.quote(Fields.enumName(state, "status", "STATUS_"))
        + (reason.isEmpty() ? "" : ",\"reason\":" + JsonFormatter.quote(reason))
        + ",\"bootCount\":" + Fields.integer(state, "boot_count")
        + ",\"firmwareVersion\":" + JsonFormatter.quote(Fields.string(state, "firmware_version"))
        + ",\"halMode\":" + JsonFormatter.quote(Fields.string(state, "hal_mode"))
        + ",\"schemaVersion\":" + row.header().schemaVersion()
        + ",\"schemaHash\":" + JsonFormatter.quote(Fields.string(state, "schema_hash"))
        + ",\"startTime\":" + (Fields.longValue(state, "start_time_ns") == 0 ? "null"
            : JsonFormatter.quote(startTime(state)))
        + ",\"stateTime\":" + JsonFormatter.quote(FrameFormatter.time(row.header().sampleTime()))
        + ",\"retained\":" + row.retained()
        + ",\"topic\":" + JsonFormatter.quote(row.topic().toString()) + "}";
  }

  private static String startTime(Message state) {
    long nanos = Fields.longValue(state, "start_time_ns");
    return nanos == 0 ? "-" : FrameFormatter.time(new Envelope("", "", 0, 0, nanos, 0, false).sampleTime());
  }

  private static String orDash(String text) {
    return text.isEmpty() ? "-" : text;
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }

  /** {@code lunarbase/v1/<site>/<controller>/state} for the argument. */
  private String filter() {
    String[] levels = which.split("/", -1);
    if (levels.length > 2 || !LEVEL.matcher(levels[0]).matches()
        || levels.length == 2 && !LEVEL.matcher(levels[1]).matches()) {
      throw new ParameterException(spec.commandLine(), "'" + which + "' is not <site>[/<controller>] ([a-z0-9-]+ or +)");
    }
    return Topic.PREFIX + levels[0] + "/" + (levels.length == 2 ? levels[1] : "+") + "/state";
  }
}
