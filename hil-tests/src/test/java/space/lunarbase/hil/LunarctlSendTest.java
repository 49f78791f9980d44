package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;

/**
 * {@code lunarctl send} (in-process, as an operator runs it) against the firmware as a process
 * ({@code ./run-sim} with its default development key ring, deploy/keys/dev-keys.yml): what
 * completes, and each rejection an operator meets first, with lunarctl's exit code.
 */
class LunarctlSendTest {

  private static final String TARGET = "hil/sim-1";

  @TempDir
  static Path data;
  @TempDir
  static Path state;

  private static MosquittoBroker broker;
  private static FirmwareProcess firmware;
  private static Path keys;

  @BeforeAll
  static void startFirmware() {
    keys = FirmwareProcess.projectRoot().resolve("deploy/keys/dev-keys.yml");
    broker = MosquittoBroker.start();
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), MainCommandTest.STATE)) {
      firmware = MainCommandTest.startOnline(data, broker, recorder);
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
  void setChargeCurrentCompletesAndOutOfRangeIsRejected() {
    LunarctlRun set = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps=2.5");
    LunarctlRun tooMuch = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps=1000.0");

    assertThat(set.exit()).as(set.err()).isEqualTo(Lunarctl.EXIT_OK);
    // the sim's charger PWM has 1 % steps of its 100 A: 2.5 A comes out as 3.0 A
    assertThat(set.lines()).containsExactly("ACCEPTED", "COMPLETED: charge setpoint 3.0 A");
    assertThat(tooMuch.exit()).as(tooMuch.err()).isEqualTo(Lunarctl.EXIT_REJECTED);
    assertThat(tooMuch.lines()).singleElement().asString().startsWith("REJECTED REASON_OUT_OF_RANGE: ");
  }

  @Test
  void anIntegerWhereANumberIsDeclaredIsABadArgumentWithAHint() {
    LunarctlRun integer = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps=2");
    LunarctlRun number = send("dev-operator", keys, "bank.SET_CHARGE_CURRENT", "amps:number=2");

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

  private static LunarctlRun send(String key, Path keyFile, String command, String... more) {
    List<String> args = new ArrayList<>(List.of("send", TARGET, command, "--key-file", keyFile.toString(),
        "--key", key, "--broker", broker.url(), "--state-dir", state.toString()));
    args.addAll(List.of(more));
    if (!args.contains("--timeout")) {
      args.addAll(List.of("--timeout", "20s"));
    }
    return LunarctlRun.of(args.toArray(String[]::new));
  }
}
