package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.command.CommandIntake;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;

/**
 * The embedded demo broker (Moquette, MQTT 3.1.1, {@code hal.mode=sim}) gives the guarantees MQTT 5
 * gives on a site broker: a publish above the link's maximum packet size is refused at the broker
 * (its sender is disconnected) and never reaches the controller; a retained command does not come
 * back at a reconnect (MQTT 3.1.1 cannot ask for that, and Moquette 0.17 would deliver it without
 * the retain flag: the link clears its topics' retained copies before it subscribes). The firmware
 * answers the next command each time.
 */
class EmbeddedBrokerLimitsTest {

  static final String CMD = Firmware.topic("cmd");
  static final String ACK = Firmware.topic("ack");
  static final String STATE = Firmware.topic("state");

  @Test
  void anOversizePublishIsRefusedAtTheEmbeddedBrokerAndTheFirmwareAnswersANoopAfterwards(@TempDir Path data)
      throws Exception {
    try (ApplicationContext firmware = embedded(data);
         MqttRecorder recorder = MqttRecorder.subscribe(url(firmware), ACK)) {
      MqttLink link = firmware.getBean(MqttLink.class);
      assertThat(link.protocol()).isEqualTo("MQTT 3.1.1");

      MqttClient attacker = client(url(firmware), "attacker");
      Throwable refused = catchThrowable(() -> attacker.publish(CMD, new byte[2 * 1024 * 1024], 1, false));
      assertThat(refused).as("the broker closes the sender's connection").isInstanceOf(MqttException.class);
      await("the attacker is disconnected").atMost(Duration.ofSeconds(10)).until(() -> !attacker.isConnected());
      attacker.close();

      MqttClient operator = client(url(firmware), "operator");
      operator.publish(CMD, noop(1, 7001).signed(), 1, false);
      CommandAck completed = ack(recorder.awaitMatch(ACK, m -> ack(m).getRequestId() == 7001
          && ack(m).getStatus() == CommandAck.Status.STATUS_COMPLETED, Duration.ofSeconds(10)));
      assertThat(completed.getCommand()).isEqualTo("core.NOOP");
      assertThat(firmware.getBean(CommandIntake.class).received()).as("the 2 MB message never arrived").isEqualTo(1);
      assertThat(link.isConnected()).isTrue();
      assertThat(link.health().inboundOversize()).isZero();
      operator.disconnect();
      operator.close();
    }
  }

  @Test
  void aRetainedCommandDoesNotComeBackAtAReconnect(@TempDir Path data) throws Exception {
    try (ApplicationContext firmware = embedded(data);
         MqttRecorder recorder = MqttRecorder.subscribe(url(firmware), List.of(ACK, STATE))) {
      MqttLink link = firmware.getBean(MqttLink.class);
      CommandIntake intake = firmware.getBean(CommandIntake.class);
      MqttClient operator = client(url(firmware), "operator");
      // published while the controller is subscribed: a live command, answered once
      operator.publish(CMD, noop(1, 7101).signed(), 1, true);
      recorder.awaitMatch(ACK, m -> ack(m).getRequestId() == 7101 && ack(m).getStatus() == CommandAck.Status.STATUS_COMPLETED,
          Duration.ofSeconds(10));
      long connections = link.connections();
      long births = births(recorder);

      // another client with the controller's id makes the broker drop the controller; it comes back
      // and subscribes again: the broker must not hand it the retained copy
      MqttClient intruder = client(url(firmware), link.clientId());
      intruder.disconnect();
      intruder.close();
      await("reconnected").atMost(Duration.ofSeconds(15)).until(() -> link.connections() > connections && link.isConnected());
      // the birth follows the subscriptions on the same connection: a command sent before it could
      // reach the broker before the controller subscribed again, and go nowhere
      await("born again").atMost(Duration.ofSeconds(15)).until(() -> births(recorder) > births);

      operator.publish(CMD, noop(2, 7102).signed(), 1, false);
      recorder.awaitMatch(ACK, m -> ack(m).getRequestId() == 7102 && ack(m).getStatus() == CommandAck.Status.STATUS_COMPLETED,
          Duration.ofSeconds(10));
      assertThat(intake.received()).as("the retained copy never came back").isEqualTo(2);
      assertThat(recorder.on(ACK).stream().filter(m -> ack(m).getRequestId() == 7101)).hasSize(2); // ACCEPTED, COMPLETED
      operator.disconnect();
      operator.close();
    }
  }

  @Test
  void anMqtt5ClientIsToldPlainlyThatTheEmbeddedBrokerSpeaksOnly311(@TempDir Path data) throws Exception {
    try (ApplicationContext firmware = embedded(data)) {
      java.util.concurrent.CompletableFuture<String> failure = new java.util.concurrent.CompletableFuture<>();
      PortEvents events = new PortEvents() {
        @Override
        public void connected() {
          failure.complete("connected");
        }

        @Override
        public void connectFailed(String reason) {
          failure.complete(reason);
        }

        @Override
        public void lost(Loss loss) {}

        @Override
        public void message(String topic, byte[] payload, boolean retained) {}

        @Override
        public void delivered(Object context) {}

        @Override
        public void notDelivered(Object context) {}
      };
      PahoV5Port port = new PahoV5Port(new PortSettings(url(firmware), "mqtt5-client", Duration.ofSeconds(10), 65_536,
          16, 16, "lunarbase/v1/hil/mqtt5-client/state", new byte[0], java.util.Optional.empty(),
          java.util.Optional.empty(), java.util.Optional.empty()), events, java.util.Optional.empty());
      try {
        port.connect();
        assertThat(failure.get(10, java.util.concurrent.TimeUnit.SECONDS))
            .contains("does not speak MQTT 5").contains("MQTT 3.1.1");
      } finally {
        port.close();
      }
    }
  }

  private static long births(MqttRecorder recorder) {
    return recorder.on(STATE).stream()
        .filter(m -> !m.retained() && TelemetryLinkTest.state(m).getStatus() == ControllerState.Status.STATUS_ONLINE)
        .count();
  }

  private static ApplicationContext embedded(Path data) {
    return Firmware.start(data, Map.of("lunarbase.link.embedded.port", MosquittoBroker.FreePort.find(),
        "lunarbase.link.embedded.any-port-if-taken", false));
  }

  private static String url(ApplicationContext firmware) {
    return firmware.getBean(BrokerService.class).endpoint().url();
  }

  private static TestCommand noop(long counter, long requestId) {
    return TestCommand.of("core.NOOP").counter(counter).requestId(requestId).expires(Instant.now().plusSeconds(600));
  }

  private static MqttClient client(String url, String id) throws MqttException {
    MqttClient client = new MqttClient(url, id, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    client.connect(options);
    return client;
  }

  private static CommandAck ack(MqttRecorder.Received message) {
    try {
      return CommandAck.parseFrom(message.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
