package space.lunarbase.ground.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.proto.v1.RebirthRequest;
import space.lunarbase.wire.Topic;

/**
 * {@code lunarctl rebirth <site>/<controller>}: publishes a {@code RebirthRequest} on the
 * controller's {@code rebirth} topic (QoS 1, not retained), which makes it publish its schema and
 * birth again: for a console that started after the retained copies were lost. Harmless, unsigned.
 */
@Command(name = "rebirth", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Ask a controller to publish its schema and birth (state) again.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the request is with the broker",
        "2:cannot connect to the broker, or it did not take the request",
        "4:a TLS file (--ca, --cert, --cert-key) or the --password-file cannot be used",
        "64:invalid command line"})
public final class RebirthCommand implements java.util.concurrent.Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<site>/<controller>", description = "The controller, e.g. lunar-south/bank-ctl-1.")
  private String controller;

  @Mixin
  private BrokerOption broker;

  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "lunarctl rebirth",
      description = "Why, for the controller's log (default: ${DEFAULT-VALUE}).")
  private String reason;

  @Option(names = "--json", description = "Print the result as a JSON object.")
  private boolean json;

  private final Clock clock;

  public RebirthCommand() {
    this(Clock.systemUTC());
  }

  RebirthCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Topic topic = topic();
    PrintWriter err = spec.commandLine().getErr();
    BrokerSession session;
    try {
      session = BrokerSession.connect(broker, new LinkedBlockingQueue<>(), clock, TIMEOUT);
    } catch (BrokerUnavailable e) {
      return Console.fail(err, e.exitCode(), "cannot connect to " + broker + ": " + e.getMessage());
    }
    try (session) {
      byte[] request = RebirthRequest.newBuilder().setReason(reason).build().toByteArray();
      session.await(session.publish(topic.toString(), request, 1, false));
    } catch (BrokerUnavailable e) {
      return Console.fail(err, Lunarctl.EXIT_BROKER, "at " + broker + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json
        ? "{\"command\":\"rebirth\",\"controller\":" + JsonFormatter.quote(topic.controllerPath()) + ",\"topic\":"
            + JsonFormatter.quote(topic.toString()) + ",\"reason\":" + JsonFormatter.quote(reason) + "}"
        : "asked " + topic.controllerPath() + " to publish its schema and birth again (on " + topic + ")");
    out.flush();
    return Lunarctl.EXIT_OK;
  }

  private Topic topic() {
    String[] parts = controller.split("/", -1);
    try {
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected <site>/<controller>");
      }
      return new Topic(parts[0], parts[1], Topic.Kind.REBIRTH, null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "'" + controller + "' is not <site>/<controller>: " + e.getMessage());
    }
  }
}
