package space.lunarbase.fsw.core.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.app.bank.BankParameters;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.ParameterTelemetry;
import space.lunarbase.proto.v1.ParameterValue;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder.Received;

/** Parameters: defaults from configuration, core.SET_PARAM, persistence across a restart, a corrupt file, tlm/params. */
class ParametersTest {

  static final String PARAMS = Firmware.topic("tlm/params");
  static final String LIMIT = BankParameters.CHARGE_CURRENT_LIMIT_A;
  static MosquittoBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = MosquittoBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  static Map<String, Object> config(Map<String, Object> more) {
    Map<String, Object> p = new HashMap<>(Map.of("spec.name", "ParametersTest",
        "lunarbase.parameters.test.retries", 3, "lunarbase.parameters.test.enabled", true,
        "lunarbase.parameters.test.level", "LOW"));
    p.putAll(more);
    return p;
  }

  @Test
  void aCommandedValueIsReportedObeyedAndKeptAcrossARestart(@TempDir Path data) {
    try (CommandTester tester = CommandTester.start(data, broker.url(), config(Map.of()), 1)) {
      Parameters parameters = tester.firmware().getBean(Parameters.class);
      assertThat(parameters.number(LIMIT)).isEqualTo(100.0);
      assertThat(parameters.number(BankParameters.CELL_OVERVOLTAGE_V)).isEqualTo(2.75);
      assertThat(parameters.integer("test.retries")).isEqualTo(3);
      assertThat(parameters.flag("test.enabled")).isTrue();
      assertThat(parameters.text("test.level")).isEqualTo("LOW");
      ParameterTelemetry first = params(tester.recorder().awaitMatch(PARAMS, m -> true, Duration.ofSeconds(10)));
      assertThat(first.getChanged()).isEmpty();
      assertThat(first.getParametersList()).extracting(ParameterValue::getName)
          .containsExactly("bank.balance-band-v", "bank.cell-overtemperature-c", "bank.cell-overvoltage-v",
              "bank.cell-undervoltage-v", LIMIT, "bank.min-useful-cell-v", "bank.pack-overcurrent-a",
              "bank.taper-window-v", "rail.arm-settle-s", "rail.arm-window-s",
              "rail.efficiency", "rail.shot-timeout-s", "rail.speed-tolerance-pct", "rail.stage-energy-j",
              "rail.temperature-max-c", "rail.temperature-min-c", "test.enabled", "test.level", "test.retries",
              "tracker.dark-unwind-after-s", "tracker.horizon-deg", "tracker.sun-sensor-enabled",
              "tracker.sun-sensor-min-v", "tracker.unwind-at-deg");

      CommandAck done = tester.assertCompleted(setParam(tester, LIMIT, "30"));
      assertThat(done.getText()).isEqualTo(LIMIT + " = 30.0 A");
      assertThat(parameters.number(LIMIT)).isEqualTo(30.0);
      ParameterTelemetry changed = params(tester.recorder().awaitMatch(PARAMS,
          m -> params(m).getChanged().equals(LIMIT), Duration.ofSeconds(10)));
      ParameterValue limit = changed.getParametersList().stream().filter(p -> p.getName().equals(LIMIT)).findFirst()
          .orElseThrow();
      assertThat(limit.getValue().getNumber()).isEqualTo(30.0);
      assertThat(limit.getDefaultValue().getNumber()).isEqualTo(100.0);
      assertThat(limit.getSource()).isEqualTo(ParameterValue.Source.SOURCE_COMMANDED);
      assertThat(limit.getUnit()).isEqualTo("A");
      tester.awaitEvent("PARAMETER_CHANGED", e -> e.getArgsMap().get("after").equals("30.0"));

      // the bank obeys it (it starts SAFE)
      tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "NOMINAL"));
      assertFailed(tester, tester.command("bank.CHARGE").number("cell_volts", 2.0).number("amps", 42), "above " + LIMIT);
      tester.assertCompleted(tester.command("bank.CHARGE").number("cell_volts", 2.0).number("amps", 20));

      // every kind; refusals change nothing
      tester.assertCompleted(setParam(tester, "test.retries", "7"));
      tester.assertCompleted(setParam(tester, "test.enabled", "false"));
      tester.assertCompleted(setParam(tester, "test.level", "HIGH"));
      assertFailed(tester, setParam(tester, LIMIT, "150"), "must be 0.0..100.0 A");
      assertFailed(tester, setParam(tester, LIMIT, "lots"), "is a number");
      assertFailed(tester, setParam(tester, "test.retries", "2.5"), "is an integer");
      assertFailed(tester, setParam(tester, "test.enabled", "yes"), "true or false");
      assertFailed(tester, setParam(tester, "test.level", "MEDIUM"), "must be one of");
      tester.assertRejected(setParam(tester, "bank.no-such", "1"), Reason.REASON_BAD_ARGUMENT);
      assertThat(parameters.number(LIMIT)).isEqualTo(30.0);
    }
    assertThat(Files.exists(data.resolve("parameters/values.tmp"))).isFalse();

    try (CommandTester again = CommandTester.start(data, broker.url(), config(Map.of()), 100)) {
      Parameters parameters = again.firmware().getBean(Parameters.class);
      assertThat(parameters.number(LIMIT)).isEqualTo(30.0);
      assertThat(parameters.integer("test.retries")).isEqualTo(7);
      assertThat(parameters.flag("test.enabled")).isFalse();
      assertThat(parameters.text("test.level")).isEqualTo("HIGH");
      assertThat(parameters.find(LIMIT).orElseThrow().source()).isEqualTo(Parameters.Source.PERSISTED);
      assertThat(parameters.find(BankParameters.CELL_OVERVOLTAGE_V).orElseThrow().source())
          .isEqualTo(Parameters.Source.DEFAULT);
    }
  }

  @Test
  void aCorruptFileMeansDefaultsAndAWarningNeverACrash(@TempDir Path data) throws Exception {
    Path file = data.resolve("parameters/values");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# lunarbase parameters v1\nbank.charge-current-limit-a=5.0\ncrc32=00000000\n",
        StandardCharsets.UTF_8);
    try (CommandTester tester = CommandTester.start(data, broker.url(), config(Map.of()), 1)) {
      tester.awaitEvent("PARAMETERS_NOT_LOADED", e -> e.getText().contains("crc32"));
      assertThat(tester.firmware().getBean(Parameters.class).number(LIMIT)).isEqualTo(100.0);
      assertThat(data.resolve("parameters/values.corrupt")).exists();
      tester.assertCompleted(setParam(tester, LIMIT, "12.5"));
    }
    assertThat(Files.readString(file)).contains(LIMIT + "=12.5");
  }

  @Test
  void aSavedValueOutsideTodaysLimitsIsSkippedWithAWarning(@TempDir Path data) throws Exception {
    try (CommandTester tester = CommandTester.start(data, broker.url(), config(Map.of()), 1)) {
      tester.assertCompleted(setParam(tester, "test.retries", "9"));
      tester.assertCompleted(setParam(tester, LIMIT, "50"));
    }
    // a new declaration or a hand-edited file: test.retries=9 now fails; the CRC is still right
    String content = Files.readString(data.resolve("parameters/values"));
    assertThat(content).contains("test.retries=9");
    try (CommandTester tester = CommandTester.start(data, broker.url(), config(Map.of("spec.name", "other")), 100)) {
      tester.awaitEvent("PARAMETER_NOT_RESTORED", e -> e.getText().contains("test.retries"));
      assertThat(tester.firmware().getBean(Parameters.class).number(LIMIT)).isEqualTo(50.0);
    }
  }

  @Test
  void aMissingOrBadDefaultStopsTheStartNamingTheKey(@TempDir Path data) {
    Map<String, Object> bad = config(Map.of("lunarbase.parameters.bank.cell-overvoltage-v", 9,
        "lunarbase.link.broker-url", broker.url()));
    assertThatThrownBy(() -> Firmware.start(data, bad).close())
        .hasStackTraceContaining("lunarbase.parameters.bank.cell-overvoltage-v")
        .hasStackTraceContaining("2.0..3.0");
    Map<String, Object> missing = new HashMap<>(config(Map.of("lunarbase.link.broker-url", broker.url())));
    missing.remove("lunarbase.parameters.test.level");
    assertThatThrownBy(() -> Firmware.start(data, missing).close()).isInstanceOf(BeanInstantiationException.class)
        .hasStackTraceContaining("lunarbase.parameters.test.level");
  }

  private static space.lunarbase.fsw.core.command.TestCommand setParam(CommandTester tester, String name, String value) {
    return tester.command("core.SET_PARAM").text("name", name).text("value", value);
  }

  private static void assertFailed(CommandTester tester, space.lunarbase.fsw.core.command.TestCommand command,
                                   String text) {
    List<CommandAck> acks = tester.send(command);
    assertThat(acks).extracting(CommandAck::getStatus).containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_FAILED);
    assertThat(acks.getLast().getText()).contains(text);
  }

  private static ParameterTelemetry params(Received m) {
    try {
      return TelemetryFrame.parseFrom(m.payload()).getParams();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
