package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.ground.cli.Lunarctl;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.TcpProxy;
import space.lunarbase.wire.AckSignature;

/**
 * {@code lunarctl send} (in-process, as an operator runs it) against the firmware as a process
 * ({@code ./run-sim} with its default development key ring, deploy/keys/dev-keys.yml): what
 * completes, and each rejection an operator meets first, with lunarctl's exit code; forged and
 * unauthenticated acks published by the test ahead of the controller's signed answer are noted and
 * ignored.
 */
class LunarctlSendTest {

  private static final String TARGET = "hil/sim-1";

  @TempDir
  static Path data;
  @TempDir
  static Path state;

  private static MosquittoBroker broker;
  /** Between the firmware and the broker: frozen, it holds a command back while forged acks come first. */
  private static TcpProxy link;
  private static FirmwareProcess firmware;
  private static Path keys;

  @BeforeAll
  static void startFirmware() {
    keys = FirmwareProcess.projectRoot().resolve("deploy/keys/dev-keys.yml");
    broker = MosquittoBroker.start();
    link = TcpProxy.to(broker.port());
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), MainCommandTest.STATE)) {
      firmware = FirmwareProcess.start(MainCommandTest.args(data, "--lunarbase.link.broker-url=" + link.url()));
      recorder.awaitMatch(MainCommandTest.STATE, m -> !m.retained()
          && MainCommandTest.state(m).getStatus() == ControllerState.Status.STATUS_ONLINE, MainCommandTest.START);
    }
    // bank.SET_CHARGE_CURRENT is manual operation: bank management gives the charger up in MAINTENANCE
    LunarctlRun maintenance = send("dev-operator", keys, "core.SET_MODE", "subsystem=bank", "mode=MAINTENANCE");
    assertThat(maintenance.exit()).as(maintenance.err()).isEqualTo(Lunarctl.EXIT_OK);
  }

  @AfterAll
  static void stop() {
    if (firmware != null) {
      firmware.close();
    }
    if (link != null) {
      link.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void noopCompletes() {
    LunarctlRun noop = send("dev-operator", keys, "core.NOOP");

    assertThat(noop.exit()).as(noop.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(noop.lines()).hasSize(2);
    assertThat(noop.lines().getFirst()).isEqualTo("ACCEPTED");
    assertThat(noop.lines().getLast()).startsWith("COMPLETED");
    assertThat(noop.err()).contains("lunarctl: sent core.NOOP to hil/sim-1 (key dev-operator, counter ");
  }

  @Test
  void setChargeCurrentCompletesAndOutOfRangeIsRefusedByTheDictionaryAndRejectedByTheController() {
    LunarctlRun set = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps=2.5");
    LunarctlRun tooMuch = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps=1000.0");
    LunarctlRun unchecked = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps=1000.0", "--no-dictionary");

    assertThat(set.exit()).as(set.err()).isEqualTo(Lunarctl.EXIT_OK);
    // the sim's charger PWM has 1 % steps of its 100 A: 2.5 A comes out as 3.0 A
    assertThat(set.lines()).containsExactly("ACCEPTED", "COMPLETED: charge setpoint 3.0 A");
    assertThat(tooMuch.exit()).as(tooMuch.err()).isEqualTo(Lunarctl.EXIT_USAGE);
    assertThat(tooMuch.err()).contains("not sent: bank.SET_CHARGE_CURRENT: amps=1000.0 is out of range 0..100 A");
    assertThat(unchecked.exit()).as(unchecked.err()).isEqualTo(Lunarctl.EXIT_REJECTED);
    assertThat(unchecked.lines()).singleElement().asString().startsWith("REJECTED REASON_OUT_OF_RANGE: ");
  }

  @Test
  void anIntegerWhereANumberIsDeclaredIsANumberByTheDictionaryElseABadArgumentWithAHint() {
    LunarctlRun typed = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps=2");
    LunarctlRun integer = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps=2", "--no-dictionary");
    LunarctlRun number = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps:number=2", "--no-dictionary");

    assertThat(typed.exit()).as(typed.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(typed.lines()).containsExactly("ACCEPTED", "COMPLETED: charge setpoint 2.0 A");
    assertThat(integer.exit()).isEqualTo(Lunarctl.EXIT_REJECTED);
    assertThat(integer.lines()).singleElement().asString().startsWith("REJECTED REASON_BAD_ARGUMENT: ");
    assertThat(integer.err()).contains("write amps=2.0 or amps:number=2");
    assertThat(number.exit()).as(number.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(number.lines()).containsExactly("ACCEPTED", "COMPLETED: charge setpoint 2.0 A");
  }

  @Test
  void aRangeSafetyCommandNeedsTheRangeSafetyKey() {
    LunarctlRun operator = send("dev-operator", keys, "rail.SAFE");
    LunarctlRun rangeSafety = send("dev-range-safety", keys, "rail.SAFE");

    assertThat(operator.exit()).isEqualTo(Lunarctl.EXIT_REJECTED);
    assertThat(operator.lines()).singleElement().asString().startsWith("REJECTED REASON_WRONG_ROLE: ");
    assertThat(rangeSafety.exit()).as(rangeSafety.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(rangeSafety.lines()).first().isEqualTo("ACCEPTED");
  }

  @Test
  void theSameCounterTwiceIsReplayed() {
    LunarctlRun first = send("dev-operator", keys, "core.NOOP", "--json");
    Matcher counter = Pattern.compile("\"counter\":\"(\\d+)\"").matcher(first.out());
    assertThat(counter.find()).as(first.out()).isTrue();

    LunarctlRun again = send("dev-operator", keys, "core.NOOP", "--counter", counter.group(1));

    assertThat(first.exit()).as(first.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(first.lines()).hasSize(2).allMatch(l -> l.contains("\"counter\":\"" + counter.group(1) + "\""));
    assertThat(again.exit()).isEqualTo(Lunarctl.EXIT_REJECTED);
    assertThat(again.lines()).singleElement().asString()
        .startsWith("REJECTED REASON_REPLAYED: counter " + counter.group(1) + " is not above ");
  }

  @Test
  void aWrongSecretsRefusalIsUnauthenticatedSoTheSendTimesOutAndSaysWhatItSaw(@TempDir Path dir) throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong-keys.yml"), """
        keys:
          - id: dev-operator
            role: operator
            secret: 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
        """);

    LunarctlRun bad = send("dev-operator", wrong, "core.NOOP", "--timeout", "3s");

    assertThat(bad.exit()).isEqualTo(Lunarctl.EXIT_TIMEOUT);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).contains("lunarctl: unauthenticated REJECTED REASON_BAD_MAC naming ")
        .contains("; unauthenticated refusals were seen (REJECTED REASON_BAD_MAC): the controller refusing this key's"
            + " secret (check --key-file and --key) or someone forging them");
  }

  @Test
  void forgedAcksAndAnUnauthenticatedRefusalBeforeTheControllersAnswerAreNotedAndTheAnswerIsPrinted()
      throws Exception {
    String ack = "lunarbase/v1/" + TARGET + "/ack";
    try (MqttRecorder cmd = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/" + TARGET + "/cmd")) {
      link.freeze(); // the controller gets the command only once the attacker has answered it
      LunarctlRun.Running running;
      try {
        running = LunarctlRun.start(args("dev-operator", keys, "core.NOOP"));
        CommandBody body = CommandBody.parseFrom(SignedCommand.parseFrom(cmd.awaitCount(
            "lunarbase/v1/" + TARGET + "/cmd", 1, Duration.ofSeconds(10)).getFirst().payload()).getBody());
        CommandAck.Builder refusal = CommandAck.newBuilder().setRequestId(body.getRequestId()).setKeyId("dev-operator")
            .setCounter(body.getCounter()).setCommand("core.NOOP").setStatus(CommandAck.Status.STATUS_REJECTED)
            .setReason(CommandAck.Reason.REASON_BAD_MAC).setText("MAC does not match the body under key dev-operator");
        broker.publishOnce(ack, AckSignature.sign(refusal.build(), new byte[32], "hil", "sim-1").toByteArray());
        broker.publishOnce(ack, refusal.clone().setRequestId(0).build().toByteArray());
        await("lunarctl noted both").atMost(Duration.ofSeconds(10))
            .until(() -> running.errSoFar().contains("FORGED") && running.errSoFar().contains("unauthenticated"));
      } finally {
        link.thaw();
      }
      LunarctlRun noop = running.finish(Duration.ofSeconds(30));

      assertThat(noop.exit()).as(noop.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(noop.lines()).hasSize(2);
      assertThat(noop.lines().getFirst()).isEqualTo("ACCEPTED");
      assertThat(noop.lines().getLast()).startsWith("COMPLETED");
      assertThat(noop.err()).containsPattern("lunarctl: FORGED ack for request \\d+ \\(REJECTED REASON_BAD_MAC\\): its MAC"
          + " does not verify under dev-operator; ignored\n")
          .contains("lunarctl: unauthenticated REJECTED REASON_BAD_MAC naming key dev-operator: it has no MAC, so"
              + " anybody may have sent it; not taken as the answer, still waiting\n");
    }
  }

  private static LunarctlRun send(String key, Path keyFile, String command, String... more) {
    return LunarctlRun.of(args(key, keyFile, command, more));
  }

  private static String[] args(String key, Path keyFile, String command, String... more) {
    List<String> args = new ArrayList<>(List.of("send", TARGET, command, "--key-file", keyFile.toString(),
        "--key", key, "--broker", broker.url(), "--state-dir", state.toString()));
    args.addAll(List.of(more));
    if (!args.contains("--timeout")) {
      args.addAll(List.of("--timeout", "20s"));
    }
    return args.toArray(String[]::new);
  }
}
