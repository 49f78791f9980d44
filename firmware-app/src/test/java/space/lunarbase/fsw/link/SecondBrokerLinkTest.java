package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.ControllerState.Status;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.HiveMqBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;
import space.lunarbase.wire.AckSignature;

/**
 * The link speaks standard MQTT, not Mosquitto: against a second broker implementation (HiveMQ CE)
 * the firmware connects with MQTT 5, is born retained, sends telemetry, takes a signed command and
 * acks it signed, and leaves OFFLINE retained at a clean stop.
 */
class SecondBrokerLinkTest {

  static final String STATE = Firmware.topic("state");
  static final String BANK = Firmware.topic("tlm/bank");
  static final String CMD = Firmware.topic("cmd");
  static final String ACK = Firmware.topic("ack");

  static HiveMqBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = HiveMqBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void theFirmwareIsBornSendsFramesAcksASignedCommandAndStopsOffline(@TempDir Path data) throws Exception {
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), List.of(STATE, BANK, ACK))) {
      ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()));
      try (firmware) {
        MqttLink link = firmware.getBean(MqttLink.class);
        assertThat(link.protocol()).isEqualTo("MQTT 5");
        // not retained: the broker keeps the last state of an earlier test's controller of the same id
        ControllerState birth = state(recorder.awaitMatch(STATE,
            m -> !m.retained() && state(m).getStatus() == Status.STATUS_ONLINE, Duration.ofSeconds(15)));
        assertThat(birth.getBootCount()).isEqualTo(1);
        List<TelemetryFrame> frames = recorder.awaitCount(BANK, 3, Duration.ofSeconds(10)).stream()
            .map(SecondBrokerLinkTest::frame).toList();
        assertThat(frames).allSatisfy(frame -> {
          assertThat(frame.getHeader().getControllerId()).isEqualTo("ctl-1");
          assertThat(frame.getBank().getBankId()).isEqualTo("bank-1");
        });

        publish(CMD, TestCommand.of("core.NOOP").counter(1).requestId(41)
            .expires(Instant.now().plusSeconds(600)).signed());

        CommandAck accepted = ack(recorder.awaitMatch(ACK,
            m -> ack(m).getRequestId() == 41 && ack(m).getStatus() == CommandAck.Status.STATUS_ACCEPTED,
            Duration.ofSeconds(10)));
        CommandAck completed = ack(recorder.awaitMatch(ACK,
            m -> ack(m).getRequestId() == 41 && ack(m).getStatus() == CommandAck.Status.STATUS_COMPLETED,
            Duration.ofSeconds(10)));
        assertThat(completed.getCommand()).isEqualTo("core.NOOP");
        assertThat(List.of(accepted, completed)).allSatisfy(ack -> assertThat(
            AckSignature.verifies(ack, TestKeys.OPERATOR.secret(), "test-site", "ctl-1")).as("signed ack").isTrue());
      }

      ControllerState offline = state(recorder.awaitMatch(STATE,
          m -> !m.retained() && state(m).getStatus() == Status.STATUS_OFFLINE, Duration.ofSeconds(10)));
      assertThat(offline.getReason()).isEqualTo("shutdown");
    }
    try (MqttRecorder late = MqttRecorder.subscribe(broker.url(), STATE)) {
      Received retained = late.awaitCount(STATE, 1, Duration.ofSeconds(10)).getFirst();
      assertThat(retained.retained()).isTrue();
      assertThat(state(retained).getStatus()).as("the retained state after a clean stop")
          .isEqualTo(Status.STATUS_OFFLINE);
    }
  }

  @Test
  void aForgedCommandGetsARejectionWithItsReason(@TempDir Path data) throws Exception {
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), List.of(STATE, ACK));
         ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()))) {
      recorder.awaitMatch(STATE, m -> !m.retained() && state(m).getStatus() == Status.STATUS_ONLINE,
          Duration.ofSeconds(15));

      publish(CMD, TestCommand.of("core.NOOP").signedBy(TestKeys.STRANGER).counter(1).requestId(42)
          .expires(Instant.now().plusSeconds(600)).signed());

      CommandAck rejected = ack(recorder.awaitMatch(ACK,
          m -> ack(m).getStatus() == CommandAck.Status.STATUS_REJECTED, Duration.ofSeconds(10)));
      assertThat(rejected.getReason()).isEqualTo(CommandAck.Reason.REASON_BAD_MAC);
      assertThat(rejected.getKeyId()).isEqualTo("test-operator");
      assertThat(rejected.getRequestId()).as("an unauthenticated body is not echoed").isZero();
      assertThat(firmware.getBean(MqttLink.class).isConnected()).isTrue();
    }
  }

  private static void publish(String topic, byte[] payload) throws Exception {
    MqttClient operator = new MqttClient(broker.url(), "operator", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    operator.connect(options);
    operator.publish(topic, payload, 1, false);
    operator.disconnect();
    operator.close();
  }

  static ControllerState state(Received message) {
    try {
      return ControllerState.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a ControllerState on " + message.topic(), e);
    }
  }

  static TelemetryFrame frame(Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a TelemetryFrame on " + message.topic(), e);
    }
  }

  static CommandAck ack(Received message) {
    try {
      return CommandAck.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a CommandAck on " + message.topic(), e);
    }
  }
}
