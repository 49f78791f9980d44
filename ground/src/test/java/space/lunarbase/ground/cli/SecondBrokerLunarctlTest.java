package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static space.lunarbase.ground.cli.TestOperator.CMD;
import static space.lunarbase.ground.cli.TestOperator.KEYS;
import static space.lunarbase.ground.cli.TestOperator.ack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.HiveMqBroker;
import space.lunarbase.testkit.MqttRecorder;

/**
 * {@code lunarctl} speaks standard MQTT, not Mosquitto: {@code send} and {@code watch} against a
 * second broker implementation (HiveMQ CE), with the test as the controller as in
 * {@link SendCommandTest} and {@link WatchCommandTest}.
 */
class SecondBrokerLunarctlTest {

  static HiveMqBroker broker;

  @TempDir
  Path state;

  @BeforeAll
  static void startBroker() {
    broker = HiveMqBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void sendPublishesASignedCommandAndPrintsItsAcksToCompleted() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = Run.start("send", "lunar-south/bank-ctl-1", "core.NOOP", "--key-file", KEYS, "--key",
          "dev-operator", "--broker", broker.url(), "--state-dir", state.toString(), "--timeout", "10s");

      var received = controller.awaitCount(CMD, 1, Duration.ofSeconds(10)).getFirst();
      CommandBody body = CommandBody.parseFrom(SignedCommand.parseFrom(received.payload()).getBody());
      assertThat(received.qos()).isEqualTo(1);
      assertThat(body.getCommand()).isEqualTo("core.NOOP");
      wire.publish("ack", ack(body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "").toByteArray(), false);
      wire.publish("ack", ack(body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "noop").toByteArray(), false);

      assertThat(send.exitCode()).as(send.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(send.lines()).containsExactly("ACCEPTED", "COMPLETED: noop");
    }
  }

  @Test
  void watchDecodesTheRetainedBirthAndAFrame() throws Exception {
    Instant started = Instant.parse("2026-11-30T03:40:00Z");
    try (Wire wire = new Wire(broker.url(), "lunar-west", "bank-ctl-1")) {
      wire.announce(3, started);
      Run watch = Run.start("watch", "lunarbase/v1/lunar-west/#", "--broker", broker.url(), "--count", "3",
          "--timeout", "15s");
      watch.awaitLines(2); // the retained schema and birth

      BankTelemetry bank = BankTelemetry.newBuilder().setBankId("bank-1").setPackVoltageV(12.345)
          .setPackCurrentA(9.998).setPackPowerW(123.4).setQuality(Quality.QUALITY_GOOD).build();
      wire.publish("tlm/bank", TelemetryFrame.newBuilder().setHeader(wire.header(3, 42, started.plusMillis(1123)))
          .setBank(bank).build().toByteArray(), false);

      assertThat(watch.exitCode()).as(watch.err()).isZero();
      assertThat(watch.lines()).contains(
          "2026-11-30T03:40:00.000Z lunar-west/bank-ctl-1 state ONLINE boot 3 fw 0.1.0 schema v1 (retained)",
          "2026-11-30T03:40:01.123Z lunar-west/bank-ctl-1 tlm/bank #42 boot 3 bank=bank-1 V=12.345 I=9.998 P=123.4"
              + " GOOD");
    }
  }
}
