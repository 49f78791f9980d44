package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static space.lunarbase.ground.cli.TestOperator.KEYS;
import static space.lunarbase.ground.cli.TestOperator.OPERATOR_SECRET;
import static space.lunarbase.ground.cli.TestOperator.unsigned;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.Value;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.wire.AckSignature;

/**
 * {@code lunarctl send} and {@code lunarctl commands} with a controller's dictionary retained on a
 * real broker: the firmware's own (docs/dictionary/dictionary.json, what a running controller
 * publishes), with a birth naming its SHA-256; the test answers as the controller.
 */
class DictionarySendTest {

  private static final AtomicInteger CONTROLLERS = new AtomicInteger();

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @TempDir
  Path state;

  private Wire wire;
  private String controller;

  @BeforeEach
  void connect() throws Exception {
    controller = "dict-ctl-" + CONTROLLERS.incrementAndGet();
    wire = new Wire(broker.url(), "lunar-south", controller);
  }

  @AfterEach
  void disconnect() throws Exception {
    wire.close();
  }

  @Test
  void argumentsAreTypedByTheDictionarySoAWholeNumberIsANumber() throws Exception {
    announceWithDictionary();
    try (MqttRecorder cmd = MqttRecorder.subscribe(broker.url(), wire.prefix() + "cmd")) {
      Run send = send("bank.CHARGE", "cell_volts=2", "amps=10");

      CommandBody body = CommandBody.parseFrom(SignedCommand.parseFrom(
          cmd.awaitCount(wire.prefix() + "cmd", 1, Duration.ofSeconds(10)).getFirst().payload()).getBody());
      assertThat(body.getArgsMap()).containsOnly(
          Map.entry("cell_volts", Value.newBuilder().setNumber(2).build()),
          Map.entry("amps", Value.newBuilder().setNumber(10).build()));
      answer(body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
      answer(body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "charging");

      assertThat(send.exitCode()).as(send.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(send.err()).doesNotContain("no dictionary");
    }
  }

  @Test
  void anUnknownCommandAnUnknownArgumentOrAValueOutOfRangeIsRefusedAndNothingIsSent() throws Exception {
    announceWithDictionary();
    try (MqttRecorder cmd = MqttRecorder.subscribe(broker.url(), wire.prefix() + "cmd")) {
      Run unknownCommand = send("bank.CHARG", "cell_volts=2");
      Run unknownArgument = send("bank.CHARGE", "cell_volts=2", "volts=10");
      Run outOfRange = send("bank.CHARGE", "cell_volts=9", "amps=10");
      Run missing = send("bank.CHARGE", "cell_volts=2");
      Run wrongChoice = send("bank.CLOSE_CONTACTOR", "contactor=SIDE");

      for (Run run : List.of(unknownCommand, unknownArgument, outOfRange, missing, wrongChoice)) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Lunarctl.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
      }
      assertThat(unknownCommand.err()).contains("lunarctl: not sent: lunar-south/" + controller
          + " has no command 'bank.CHARG'; it accepts: bank.CHARGE, bank.CLOSE_CONTACTOR,");
      String takes = "; it takes bank.CHARGE cell_volts=<number V 0.5..2.7> amps=<number A 1..100>";
      assertThat(unknownArgument.err()).contains("lunarctl: not sent: bank.CHARGE: has no argument 'volts'" + takes);
      assertThat(outOfRange.err()).contains("lunarctl: not sent: bank.CHARGE: cell_volts=9 is out of range 0.5..2.7 V"
          + takes);
      assertThat(missing.err()).contains("bank.CHARGE: needs amps=<number A 1..100>");
      assertThat(wrongChoice.err()).contains("contactor='SIDE' is not one of MAIN, DISCHARGE");
      assertThat(cmd.all()).as("nothing was sent").isEmpty();
      assertThat(new CounterStore(state, java.time.Clock.systemUTC()).read()).isEmpty();
    }
  }

  @Test
  void withoutADictionaryArgumentsAreTypedByTheirTextAfterOneWarningLine() throws Exception {
    wire.announce(1, Instant.now());                                   // a birth that names no dictionary
    try (MqttRecorder cmd = MqttRecorder.subscribe(broker.url(), wire.prefix() + "cmd")) {
      Run send = send("bank.SET_CHARGE_CURRENT", "amps=2");

      CommandBody body = CommandBody.parseFrom(SignedCommand.parseFrom(
          cmd.awaitCount(wire.prefix() + "cmd", 1, Duration.ofSeconds(10)).getFirst().payload()).getBody());
      assertThat(body.getArgsMap().get("amps")).isEqualTo(Value.newBuilder().setInteger(2).build());
      answer(body, Status.STATUS_REJECTED, Reason.REASON_BAD_ARGUMENT, "amps must be a number");

      assertThat(send.exitCode()).isEqualTo(Lunarctl.EXIT_REJECTED);
      assertThat(send.err().lines().filter(l -> l.contains("no dictionary"))).containsExactly("lunarctl: no"
          + " dictionary of lunar-south/" + controller + " (its birth names none):"
          + " arguments typed by their text, nothing checked before sending");
    }
  }

  @Test
  void aDictionaryTheBirthDoesNotNameIsNotUsed() throws Exception {
    wire.publish("dictionary", firmwareDictionary().toByteArray(), true);
    wire.publish("state", wire.online(1, Instant.now()).toBuilder().setDictionaryHash("0".repeat(64)).build()
        .toByteArray(), true);

    Run commands = Run.of("commands", "lunar-south/" + controller, "--broker", broker.url(), "--timeout", "2s");

    assertThat(commands.exitCode()).isEqualTo(Lunarctl.EXIT_TIMEOUT);
    assertThat(commands.err()).contains("no dictionary of lunar-south/" + controller
        + ": the retained dictionary is not the one its birth names");
  }

  @Test
  void commandsListsWhatTheControllerAcceptsWithTypesRangesRolesAndModes() throws Exception {
    announceWithDictionary();

    Run commands = Run.of("commands", "lunar-south/" + controller, "--broker", broker.url());

    assertThat(commands.exitCode()).as(commands.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(commands.lines()).hasSize(firmwareDictionary().getCommandsCount());
    assertThat(commands.lines()).contains(
        "bank.CHARGE cell_volts=<number V 0.5..2.7> amps=<number A 1..100>  [operator; NOMINAL; time-critical]"
            + "  charges every cell to cell_volts at up to amps, balancing, then READY",
        "bank.CLOSE_CONTACTOR contactor=<MAIN|DISCHARGE>  [operator; MAINTENANCE]  closes one contactor by hand"
            + " (maintenance)");
    assertThat(commands.lines()).anyMatch(l -> l.startsWith("rail.SAFE  [range-safety; any mode; safing always"));
  }

  /** The controller's ack of {@code body}, signed as this controller signs it. */
  private void answer(CommandBody body, Status status, Reason reason, String text) throws Exception {
    wire.publish("ack", AckSignature.sign(unsigned(body, status, reason, text), OPERATOR_SECRET, "lunar-south",
        controller).toByteArray(), false);
  }

  private void announceWithDictionary() throws Exception {
    byte[] dictionary = firmwareDictionary().toByteArray();
    wire.publishSchema();
    wire.publish("dictionary", dictionary, true);
    wire.publish("state", wire.online(1, Instant.now()).toBuilder()
        .setDictionaryHash(DictionaryLookup.sha256(dictionary)).build().toByteArray(), true);
  }

  /** The dictionary a controller on the default simulated board publishes, as committed. */
  static Dictionary firmwareDictionary() throws Exception {
    Dictionary.Builder dictionary = Dictionary.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("../docs/dictionary/dictionary.json")), dictionary);
    return dictionary.build();
  }

  private Run send(String command, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("send", "lunar-south/" + controller, command, "--key-file", KEYS,
        "--key", "dev-operator", "--broker", broker.url(), "--state-dir", state.toString(), "--timeout", "10s"));
    args.addAll(List.of(more));
    return Run.start(args.toArray(String[]::new));
  }
}
