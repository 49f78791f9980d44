package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * {@code lunarctl watch} run in-process against a real Mosquitto, fed real protobuf bytes by a Paho
 * publisher. Each test has its own site id, so retained states of other tests never reach it.
 */
class WatchCommandTest {

  private static final Instant NOW = Instant.parse("2026-11-30T03:40:05Z");
  private static final Instant T0 = Instant.parse("2026-11-30T03:40:00Z");
  private static final AtomicInteger SITES = new AtomicInteger();

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  private MqttClient publisher;
  private String site;
  private String prefix;

  @BeforeEach
  void connectPublisher() throws MqttException {
    site = "site-" + SITES.incrementAndGet();
    prefix = "lunarbase/v1/" + site + "/bank-ctl-1/";
    publisher = connect(broker.url());
  }

  @AfterEach
  void disconnectPublisher() throws MqttException {
    if (publisher.isConnected()) {
      publisher.disconnect();
    }
    publisher.close();
  }

  @Test
  void printsRetainedStateAndTelemetryAsDecodedLines() throws Exception {
    publish("state", state(3, 1, T0), true);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--broker", broker.url(), "--count", "3");
    watch.awaitLines(1);

    publish("tlm/bank", frame(3, 42, T0.plusMillis(1123), bank(12.345, 9.998, 123.4, Quality.QUALITY_GOOD, "")), false);
    publish("tlm/bank", frame(3, 43, T0.plusMillis(2123), bank(0, 0, 0, Quality.QUALITY_FAILED, "no answer")), false);

    assertThat(watch.exitCode()).isZero();
    assertThat(watch.lines()).containsExactly(
        "2026-11-30T03:40:00.000Z " + site + "/bank-ctl-1 state ONLINE boot 3 fw 0.1.0 schema v1 (retained)",
        "2026-11-30T03:40:01.123Z " + site + "/bank-ctl-1 tlm/bank #42 boot 3 bank=bank-1 V=12.345 I=9.998 P=123.4 GOOD",
        "2026-11-30T03:40:02.123Z " + site + "/bank-ctl-1 tlm/bank #43 boot 3 bank=bank-1 V=0.000 I=0.000 P=0.0 FAILED"
            + " fault=\"no answer\"");
    assertThat(watch.err()).isEqualTo("lunarctl: no schema from " + site + "/bank-ctl-1 within 500ms: decoding its messages with lunarctl's built-in schema v1 until one arrives\n");
  }

  @Test
  void garbageIsReportedAsUndecodableAndTheWatchGoesOn() throws Exception {
    publish("state", state(3, 1, T0), true);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--broker", broker.url(), "--count", "6");
    watch.awaitLines(1);

    publish("tlm/bank", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}, false);
    publish("tlm/bank", new byte[] {0x08, 0x01}, false);
    byte[] headerless = TelemetryFrame.newBuilder().setBank(bank(1, 1, 1, Quality.QUALITY_GOOD, "")).build()
        .toByteArray();
    publish("tlm/bank", headerless, false);
    publish("not/in/the/scheme", new byte[] {1, 2}, false);
    publish("tlm/bank", frame(3, 2, T0, bank(12, 1, 12, Quality.QUALITY_STALE, "")), false);

    assertThat(watch.exitCode()).isZero();
    String topic = prefix + "tlm/bank";
    List<String> lines = watch.lines();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).startsWith("2026-11-30T03:40:05.000Z " + topic + " undecodable (3 bytes): not a protobuf message: ");
    assertThat(lines.subList(2, 5)).containsExactly(
        "2026-11-30T03:40:05.000Z " + topic + " undecodable (2 bytes): unknown fields in TelemetryFrame"
            + " (not a TelemetryFrame of built-in schema v1)",
        "2026-11-30T03:40:05.000Z " + topic + " undecodable (" + headerless.length + " bytes): no header (not a TelemetryFrame)",
        "2026-11-30T03:40:05.000Z " + prefix + "not/in/the/scheme undecodable (2 bytes): expected"
            + " lunarbase/v1/{site}/{controller}/{kind}[/{subsystem}]");
    assertThat(lines.get(5)).isEqualTo("2026-11-30T03:40:00.000Z " + site
        + "/bank-ctl-1 tlm/bank #2 boot 3 bank=bank-1 V=12.000 I=1.000 P=12.0 STALE");
    assertThat(watch.err()).isEqualTo("lunarctl: no schema from " + site + "/bank-ctl-1 within 500ms: decoding its messages with lunarctl's built-in schema v1 until one arrives\n");
  }

  @Test
  void marksSequenceGapsAndReboots() throws Exception {
    publish("state", state(3, 1, T0), true);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--broker", broker.url(), "--count", "6");
    watch.awaitLines(1);

    BankTelemetry bank = bank(12, 1, 12, Quality.QUALITY_GOOD, "");
    publish("tlm/bank", frame(3, 1, T0, bank), false);
    publish("tlm/bank", frame(3, 2, T0, bank), false);
    publish("tlm/bank", frame(3, 5, T0, bank), false);
    publish("state", state(4, 1, T0.plusSeconds(60)), true);
    publish("tlm/bank", frame(4, 1, T0.plusSeconds(61), bank), false);

    assertThat(watch.exitCode()).isZero();
    String controller = site + "/bank-ctl-1";
    String sample = " bank=bank-1 V=12.000 I=1.000 P=12.0 GOOD";
    assertThat(watch.lines()).containsExactly(
        "2026-11-30T03:40:00.000Z " + controller + " state ONLINE boot 3 fw 0.1.0 schema v1 (retained)",
        "2026-11-30T03:40:00.000Z " + controller + " tlm/bank #1 boot 3" + sample,
        "2026-11-30T03:40:00.000Z " + controller + " tlm/bank #2 boot 3" + sample,
        "!! gap on " + prefix + "tlm/bank: expected #3, got #5 (2 lost)",
        "2026-11-30T03:40:00.000Z " + controller + " tlm/bank #5 boot 3" + sample,
        "!! reboot of " + controller + ": boot 3 -> 4",
        "2026-11-30T03:41:00.000Z " + controller + " state ONLINE boot 4 fw 0.1.0 schema v1",
        "2026-11-30T03:41:01.000Z " + controller + " tlm/bank #1 boot 4" + sample);
  }

  @Test
  void jsonPrintsOneParsableObjectPerLine() throws Exception {
    ControllerState state = ControllerState.parseFrom(state(3, 1, T0));
    TelemetryFrame first = TelemetryFrame.parseFrom(frame(3, 7, T0, bank(12.5, -3.25, 40.6, Quality.QUALITY_GOOD, "")));
    TelemetryFrame third = TelemetryFrame.parseFrom(frame(3, 9, T0, bank(12.5, 0, 0, Quality.QUALITY_STALE, "old")));
    publish("state", state.toByteArray(), true);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--broker", broker.url(), "--count", "4", "--json");
    watch.awaitLines(1);

    publish("tlm/bank", first.toByteArray(), false);
    publish("tlm/bank", new byte[] {(byte) 0xff}, false);
    publish("tlm/bank", third.toByteArray(), false);

    assertThat(watch.exitCode()).isZero();
    List<Struct> objects = watch.lines().stream().map(WatchCommandTest::parseJson).toList();
    assertThat(objects).hasSize(5);
    assertThat(string(objects.get(0), "topic")).isEqualTo(prefix + "state");
    assertThat(objects.get(0).getFieldsOrThrow("retained").getBoolValue()).isTrue();
    assertThat(message(objects.get(0), ControllerState.newBuilder())).isEqualTo(state);
    assertThat(objects.get(1).getFieldsOrThrow("retained").getBoolValue()).isFalse();
    assertThat(message(objects.get(1), TelemetryFrame.newBuilder())).isEqualTo(first);
    assertThat(string(objects.get(2), "topic")).isEqualTo(prefix + "tlm/bank");
    assertThat(string(objects.get(2), "error")).startsWith("not a protobuf message");
    assertThat(objects.get(2).getFieldsOrThrow("bytes").getNumberValue()).isEqualTo(1);
    assertThat(string(objects.get(3), "marker")).isEqualTo("gap");
    assertThat(objects.get(3).getFieldsOrThrow("lost").getNumberValue()).isEqualTo(1);
    assertThat(message(objects.get(4), TelemetryFrame.newBuilder())).isEqualTo(third);
  }

  @Test
  void anUnreachableBrokerExitsWithTwoAndNamesIt() throws Exception {
    String url = "tcp://127.0.0.1:" + MosquittoBroker.FreePort.find();

    Run watch = watch("lunarbase/v1/#", "--broker", url);

    assertThat(watch.exitCode()).isEqualTo(Lunarctl.EXIT_BROKER);
    assertThat(watch.out()).isEmpty();
    assertThat(watch.err()).isEqualTo(
        "lunarctl: cannot connect to " + url + ": Unable to connect to server (Connection refused)\n");
  }

  @Test
  void aTimeoutExitsWithThree() throws Exception {
    Run watch = watch("lunarbase/v1/" + site + "/#", "--broker", broker.url(), "--count", "2",
        "--timeout", "300ms");

    assertThat(watch.exitCode()).isEqualTo(Lunarctl.EXIT_TIMEOUT);
    assertThat(watch.out()).isEmpty();
    assertThat(watch.err()).isEqualTo("lunarctl: timed out after 300ms (0 of 2 messages)\n");
  }

  @Test
  void aTimeoutInIsoFormIsAcceptedAndCountsWhatArrived() throws Exception {
    publish("state", state(3, 1, T0), true);

    Run watch = watch("lunarbase/v1/" + site + "/#", "--broker", broker.url(), "--timeout", "PT0.5S");

    assertThat(watch.exitCode()).isEqualTo(Lunarctl.EXIT_TIMEOUT);
    assertThat(watch.lines()).hasSize(1);
    assertThat(watch.err()).endsWith("lunarctl: timed out after 500ms (1 messages)\n");
  }

  @Test
  void aWrongCommandLineExitsWith64AndPrintsNothingOnStdout() throws Exception {
    Run badCount = watch("lunarbase/v1/#", "--count", "0");
    Run badFilter = watch("lunarbase/#/v1");
    Run badTimeout = watch("lunarbase/v1/#", "--timeout", "soon");

    for (Run watch : List.of(badCount, badFilter, badTimeout)) {
      assertThat(watch.exitCode()).isEqualTo(Lunarctl.EXIT_USAGE);
      assertThat(watch.out()).isEmpty();
    }
    assertThat(badCount.err()).startsWith("--count must be 1 or more, not 0");
    assertThat(badFilter.err()).startsWith("'lunarbase/#/v1' is not an MQTT topic filter");
    assertThat(badTimeout.err()).contains("'soon' is not a duration");
  }

  @Test
  void survivesABrokerRestartAndSubscribesAgain() throws Exception {
    try (MosquittoBroker own = MosquittoBroker.start(); MqttClient ownPublisher = connect(own.url())) {
      ownPublisher.publish(prefix + "state", state(3, 1, T0), 1, true);
      Run watch = watch("lunarbase/v1/" + site + "/#", "--broker", own.url(), "--count", "2");
      watch.awaitLines(1);

      own.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> watch.err().contains("lost the connection"));
      own.restart();
      await().atMost(Duration.ofSeconds(20)).until(() -> watch.err().contains("subscribed again"));
      try (MqttClient again = connect(own.url())) {
        again.publish(prefix + "tlm/bank", frame(3, 2, T0, bank(1, 1, 1, Quality.QUALITY_GOOD, "")), 1, false);
        again.disconnect();
      }

      assertThat(watch.exitCode()).isZero();
      assertThat(watch.lines()).hasSize(2).last().asString().contains("tlm/bank #2 boot 3");
      assertThat(watch.err()).contains("lunarctl: lost the connection to " + own.url())
          .contains("lunarctl: reconnected to " + own.url() + " and subscribed again to 'lunarbase/v1/" + site + "/#'");
    }
  }

  @Test
  void versionNamesTheWireSchema() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Lunarctl.commandLine(Clock.systemUTC());
    commandLine.setOut(new PrintWriter(out, true));

    assertThat(commandLine.execute("--version")).isZero();
    assertThat(out.toString()).startsWith("lunarctl 0.1.0-SNAPSHOT\nwire schema v1 ");
  }

  // --- helpers

  /** {@code lunarctl watch args...} in-process, on a clock fixed at {@link #NOW}. */
  private static Run watch(String... watchArgs) {
    String[] args = new String[watchArgs.length + 1];
    args[0] = "watch";
    System.arraycopy(watchArgs, 0, args, 1, watchArgs.length);
    return Run.start(Clock.fixed(NOW, ZoneOffset.UTC), args);
  }

  private void publish(String suffix, byte[] payload, boolean retained) throws MqttException {
    publisher.publish(prefix + suffix, payload, 1, retained);
  }

  private static MqttClient connect(String url) throws MqttException {
    MqttClient client = new MqttClient(url, "test-" + UUID.randomUUID().toString().substring(0, 8),
        new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    client.connect(options);
    return client;
  }

  private Header header(long boot, long sequence, Instant sampled) {
    return Header.newBuilder().setSiteId(site).setControllerId("bank-ctl-1").setBootCount(boot)
        .setSequence(sequence).setSampleTimeNs(sampled.getEpochSecond() * 1_000_000_000L + sampled.getNano())
        .setSchemaVersion(1).build();
  }

  private byte[] state(long boot, long sequence, Instant sampled) {
    return ControllerState.newBuilder().setHeader(header(boot, sequence, sampled))
        .setStatus(ControllerState.Status.STATUS_ONLINE).setBootCount(boot).setFirmwareVersion("0.1.0")
        .setSchemaHash("abc").setHalMode("sim").build().toByteArray();
  }

  private byte[] frame(long boot, long sequence, Instant sampled, BankTelemetry bank) {
    return TelemetryFrame.newBuilder().setHeader(header(boot, sequence, sampled)).setBank(bank).build().toByteArray();
  }

  private static BankTelemetry bank(double volts, double amps, double watts, Quality quality, String fault) {
    return BankTelemetry.newBuilder().setBankId("bank-1").setPackVoltageV(volts).setPackCurrentA(amps)
        .setPackPowerW(watts).setQuality(quality).setFault(fault).build();
  }

  private static Struct parseJson(String line) {
    try {
      Struct.Builder struct = Struct.newBuilder();
      JsonFormat.parser().merge(line, struct);
      return struct.build();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a JSON object: " + line, e);
    }
  }

  private static String string(Struct object, String field) {
    return object.getFieldsOrThrow(field).getStringValue();
  }

  private static Message message(Struct object, Message.Builder builder) {
    try {
      Value message = object.getFieldsOrThrow("message");
      JsonFormat.parser().merge(JsonFormat.printer().print(message), builder);
      return builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
