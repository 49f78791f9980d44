package space.lunarbase.ground.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.wire.Topic;

/**
 * {@code lunarctl commands <site>/<controller>}: what a controller accepts, from the dictionary it
 * publishes ({@link DictionaryLookup}): one line per command with its arguments (type, unit,
 * range or allowed texts), the roles that may send it, the modes it runs in and its traits.
 */
@Command(name = "commands", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "List the commands a controller accepts, from the dictionary it publishes.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:listed",
        "2:cannot connect to the broker",
        "3:no dictionary of the controller (none retained, or not the one its birth names) within --timeout",
        "4:a TLS file (--ca, --cert, --cert-key) or the --password-file cannot be used",
        "64:invalid command line"})
public final class CommandsCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<site>/<controller>", description = "The controller, e.g. lunar-south/bank-ctl-1.")
  private String controller;

  @Mixin
  private BrokerOption broker;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
      description = "How long to wait for the retained birth and dictionary (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(names = "--json", description = "Print the commands as the dictionary's proto3 JSON, one object per line.")
  private boolean json;

  private final Clock clock;

  public CommandsCommand() {
    this(Clock.systemUTC());
  }

  CommandsCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Topic topic = SendCommand.topic(spec, controller, Topic.Kind.DICTIONARY);
    PrintWriter err = spec.commandLine().getErr();
    DictionaryLookup.Result lookup;
    try {
      lookup = DictionaryLookup.fetch(broker, topic.site(), topic.controller(), timeout, timeout, clock);
    } catch (BrokerUnavailable e) {
      return Console.fail(err, e.exitCode(), "cannot connect to " + broker + ": " + e.getMessage());
    }
    if (!(lookup instanceof DictionaryLookup.Found found)) {
      return Console.fail(err, Lunarctl.EXIT_TIMEOUT, "no dictionary of " + topic.controllerPath() + ": "
          + ((DictionaryLookup.Absent) lookup).why());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (CommandInfo command : found.dictionary().getCommandsList()) {
      out.println(json ? json(command) : line(command));
    }
    out.flush();
    return Lunarctl.EXIT_OK;
  }

  /**
   * {@code bank.CHARGE cell_volts=<number V 0.5..2.7> amps=<number A 1..100>  [operator; NOMINAL; time-critical]  summary}.
   */
  static String line(CommandInfo command) {
    List<String> notes = new ArrayList<>();
    notes.add(String.join(", ", command.getRolesList()));
    notes.add(command.getModesList().containsAll(List.of("SAFE", "NOMINAL", "MAINTENANCE")) ? "any mode"
        : String.join(", ", command.getModesList()));
    if (!command.getSafing().isEmpty()) {
      notes.add("safing " + command.getSafing());
    }
    command.getTraitsList().forEach(t -> notes.add(t.toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
    return DeclaredCommands.usage(command) + "  [" + String.join("; ", notes) + "]  " + command.getSummary();
  }

  private static String json(CommandInfo command) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(command);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
