package space.lunarbase.ground.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.ground.cli.CommandArgs.Arg;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.wire.Topic;

/**
 * {@code lunarctl send <site>/<controller> <command> [name=value ...]}: types the arguments by the
 * controller's dictionary ({@link DictionaryLookup}, {@link DeclaredCommands}) and refuses there what
 * the controller would refuse; signs the command with a key
 * of a key file (docs/subsystems/commanding.md, "Key file"), publishes it on the controller's
 * {@code cmd} topic (QoS 1) and prints the controller's acknowledgements of it from {@code ack},
 * to which it subscribes before publishing: {@code ACCEPTED}, then {@code COMPLETED} or
 * {@code FAILED}; or one {@code REJECTED}. The exit code tells which ({@link Lunarctl}). The
 * exchange itself is {@link CommandExchange}'s.
 */
@Command(name = "send", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = {"Sign a command, send it to a controller and print its acknowledgements.",
        "Arguments are name=value, typed by the controller's dictionary (retained on its dictionary topic, used"
            + " when its birth names it): amps=2 is a number if amps is one. An unknown command or argument, a"
            + " missing one or a value out of its range is refused before anything is sent (exit 64, one line"
            + " naming what the command takes; lunarctl commands lists them).",
        "Without a dictionary (a controller that publishes none, or --no-dictionary) a value is typed by its text:"
            + " true/false a flag, 3 or -12 an integer, 2.5 or 1e3 a number, anything else text (so amps=2 is an"
            + " integer: write amps=2.0 or amps:number=2); name:kind=value (number, int, bool, text) says it."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:COMPLETED",
        "2:cannot connect to the broker, or it did not take the command",
        "3:no acknowledgement of the controller (signed) within --timeout; unauthenticated refusals seen are named",
        "4:the key file, the counter state file, a TLS file or the password file cannot be used",
        "10:ACCEPTED, but --no-wait, or no COMPLETED/FAILED within --timeout",
        "11:FAILED",
        "12:REJECTED",
        "64:invalid command line, or a command or argument the controller's dictionary refuses (nothing sent)",
        "130:Ctrl-C"})
public final class SendCommand implements Callable<Integer> {

  private static final Pattern COMMAND = Pattern.compile("\\S{1,128}");
  /** How long to wait for the controller's retained birth, and for the dictionary it names, before sending. */
  static final Duration BIRTH_WAIT = Duration.ofMillis(300);
  static final Duration DICTIONARY_WAIT = Duration.ofSeconds(2);

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<site>/<controller>", description = "The controller, e.g. lunar-south/bank-ctl-1.")
  private String controller;

  @Parameters(index = "1", paramLabel = "<command>", description = "The command, e.g. core.NOOP or bank.SET_CHARGE_CURRENT.")
  private String command;

  @Parameters(index = "2..*", paramLabel = "name=value",
      description = "Arguments: name=value (kind inferred) or name:kind=value (number, int, bool, text).")
  private List<String> arguments = new ArrayList<>();

  @Mixin
  private SigningOptions options;

  @Option(names = "--no-dictionary", description = "Do not fetch the controller's dictionary: type arguments by their"
      + " text alone and check nothing before sending (as for a controller that publishes none).")
  private boolean noDictionary;

  private final Clock clock;

  public SendCommand() {
    this(Clock.systemUTC());
  }

  SendCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Topic cmdTopic = topic(spec, controller, Topic.Kind.CMD);
    Topic ackTopic = topic(spec, controller, Topic.Kind.ACK);
    if (!COMMAND.matcher(command).matches()) {
      throw new ParameterException(spec.commandLine(), "'" + command + "' is not a command name (e.g. core.NOOP)");
    }
    Map<String, Arg> args;
    try {
      args = CommandArgs.parse(arguments);    // a malformed argument is told before the broker is asked
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    try {
      KeyFile.load(options.keyFile).require(options.keyId);    // a bad key file is told before the broker is asked
    } catch (KeyFile.BadKeyFile e) {
      return Console.fail(err, Lunarctl.EXIT_FILE, "key file " + e.getMessage());
    }
    DictionaryLookup.Result lookup;
    if (noDictionary) {
      lookup = new DictionaryLookup.Absent("--no-dictionary");
    } else {
      try {
        lookup = DictionaryLookup.fetch(options.broker, cmdTopic.site(), cmdTopic.controller(), BIRTH_WAIT,
            DICTIONARY_WAIT, clock);
      } catch (BrokerUnavailable e) {
        return Console.fail(err, e.exitCode(), "cannot connect to " + options.broker + ": " + e.getMessage());
      }
    }
    switch (lookup) {
      case DictionaryLookup.Found found -> {
        try {
          CommandInfo declared = DeclaredCommands.find(found.dictionary(), cmdTopic.controllerPath(), command);
          args = DeclaredCommands.typed(declared, arguments);
        } catch (DeclaredCommands.Refused e) {
          return Console.fail(err, Lunarctl.EXIT_USAGE, "not sent: " + e.getMessage());
        }
      }
      case DictionaryLookup.Absent absent -> {
        if (!noDictionary) {
          Console.note(err, "no dictionary of " + cmdTopic.controllerPath() + " (" + absent.why()
              + "): arguments typed by their text, nothing checked before sending");
        }
        // args: as parsed above, typed by their text
      }
    }
    return new CommandExchange(options, clock, spec.commandLine().getOut(), spec.commandLine().getErr())
        .exchange(cmdTopic, ackTopic, command, List.copyOf(args.values()), "");
  }

  /** The topic of {@code kind} of the controller named {@code <site>/<controller>}; a usage error if it is not. */
  static Topic topic(CommandSpec spec, String controller, Topic.Kind kind) {
    String[] parts = controller.split("/", -1);
    try {
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected <site>/<controller>");
      }
      return new Topic(parts[0], parts[1], kind, null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "'" + controller + "' is not <site>/<controller>: " + e.getMessage());
    }
  }

  static long nanos(Instant instant) {
    return CommandExchange.nanos(instant);
  }
}
