package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandIntake;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.LinkTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * Hostile messages on {@code cmd} from an open broker (a real Mosquitto, MQTT 5 to the firmware):
 * one far above the announced Maximum Packet Size never reaches the controller at all; one above
 * the command limit but within the packet size is dropped and counted before the intake sees it;
 * a retained command is never sent to the controller (retain handling) nor acted on. Each time the
 * firmware answers the next command.
 */
class HostileCommandsTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void oversizeCommandsNeverReachTheIntakeAndAreCountedAndTheFirmwareAnswersAfterwards(@TempDir Path data)
      throws Exception {
    try (CommandTester tester = CommandTester.start(data, broker.url(), Map.of("lunarbase.link.health-period", "200ms"), 1)) {
      MqttLink link = tester.firmware().getBean(MqttLink.class);
      CommandIntake intake = tester.firmware().getBean(CommandIntake.class);
      assertThat(link.protocol()).isEqualTo("MQTT 5");

      tester.publish(new byte[2 * 1024 * 1024]);                   // above the 64 KiB packet size: the broker drops it
      tester.publish(new byte[CommandIntake.MAX_PAYLOAD + 4096]);  // within it, above the command limit
      tester.assertCompleted(tester.command("core.NOOP"));        // cmd is delivered in order: both came before

      assertThat(intake.received()).as("only the NOOP reached the intake").isEqualTo(1);
      assertThat(link.health().inboundOversize()).isEqualTo(1);
      assertThat(link.isConnected()).isTrue();
      Event dropped = tester.awaitEvent("LINK_INBOUND_DROPPED", e -> true);
      assertThat(dropped.getArgsMap()).containsEntry("reason", "oversize")
          .containsEntry("bytes", Integer.toString(CommandIntake.MAX_PAYLOAD + 4096));
      LinkTelemetry telemetry = TelemetryFrame.parseFrom(tester.recorder().awaitMatch(
          space.lunarbase.fsw.Firmware.topic("tlm/link"), m -> link(m).getInboundOversize() == 1,
          Duration.ofSeconds(10)).payload()).getLink();
      assertThat(telemetry.getProtocol()).isEqualTo("MQTT 5");
      assertThat(telemetry.getInboundRetained()).isZero();
    }
  }

  @Test
  void aRetainedCommandIsNeverActedOn(@TempDir Path data) throws Exception {
    TestCommand retained = TestCommand.of("core.NOOP").counter(1).requestId(4242)
        .expires(java.time.Instant.now().plusSeconds(600));
    publishRetained(space.lunarbase.fsw.Firmware.topic("cmd"), retained.signed());
    try (CommandTester tester = CommandTester.start(data, broker.url(), Map.of(), 2)) {
      MqttLink link = tester.firmware().getBean(MqttLink.class);

      tester.assertCompleted(tester.command("core.NOOP"));

      assertThat(tester.acks()).as("nothing answers the retained command").noneMatch(a -> a.getRequestId() == 4242);
      assertThat(tester.firmware().getBean(CommandIntake.class).received()).isEqualTo(1);
      assertThat(link.health().inboundRetained()).as("retain handling 2: the broker never sent it").isZero();
    } finally {
      publishRetained(space.lunarbase.fsw.Firmware.topic("cmd"), new byte[0]);
    }
  }

  private static LinkTelemetry link(space.lunarbase.testkit.MqttRecorder.Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload()).getLink();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static void publishRetained(String topic, byte[] payload) throws MqttException {
    MqttClient client = new MqttClient(broker.url(), MqttClient.generateClientId(), new MemoryPersistence());
    try {
      client.connect();
      client.publish(topic, payload, 1, true);
      client.disconnect();
    } finally {
      client.close();
    }
  }
}
