package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * Another client takes the controller's client id on an open broker (a real Mosquitto) and fights
 * for it as Paho's automatic reconnect does, once a second. The firmware does not fight back in a
 * loop: connections that die just after they are made (Mosquitto 2.0 closes them without MQTT 5's
 * "session taken over") make it back off (2 s doubling to 8 s here; 5 s to 5 min
 * by default) with a LINK_CLIENT_ID_TAKEN_OVER event; once the intruder leaves it is back ONLINE
 * and answers commands.
 */
class TakeoverTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void theFirmwareBacksOffFromAnIntruderWithItsClientIdAndComesBackWhenItLeaves(@TempDir Path data) throws Exception {
    try (CommandTester tester = CommandTester.start(data, broker.url(), Map.of(
        "lunarbase.link.takeover-backoff-min", "2s", "lunarbase.link.takeover-backoff-max", "8s"), 1)) {
      MqttLink link = tester.firmware().getBean(MqttLink.class);
      assertThat(link.clientId()).isEqualTo("test-site-ctl-1");
      long connectionsBefore = link.connections();

      AtomicInteger intruderConnections = new AtomicInteger();
      MqttClient intruder = new MqttClient(broker.url(), link.clientId(), new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setAutomaticReconnect(true);
      options.setMaxReconnectDelay(1000);
      options.setCleanSession(true);
      intruder.setCallback(new MqttCallbackExtended() {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
          intruderConnections.incrementAndGet();
        }

        @Override
        public void connectionLost(Throwable cause) {
          // Paho reconnects it within a second
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
          // not subscribed
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
          // publishes nothing
        }
      });
      long start = System.nanoTime();
      intruder.connect(options);

      await("three takeovers").atMost(Duration.ofSeconds(40)).until(() -> link.health().takeovers() >= 3);
      double seconds = (System.nanoTime() - start) / 1e9;
      long firmwareConnections = link.connections() - connectionsBefore;
      System.out.printf("TAKEOVER: %.1f s, firmware connections %d, intruder connections %d, takeovers %d%n",
          seconds, firmwareConnections, intruderConnections.get(), link.health().takeovers());
      // a fight would be about one connection a second each; backing off 2 + 4 s makes it far fewer
      assertThat(seconds).as("three takeovers take the back-off's time").isGreaterThanOrEqualTo(6.0);
      assertThat(firmwareConnections).as("firmware reconnections while the intruder fights").isLessThanOrEqualTo(4);
      assertThat(firmwareConnections / seconds).as("firmware reconnections per second").isLessThan(0.5);
      assertThat(intruderConnections.get()).isLessThanOrEqualTo(5);

      Event taken = tester.awaitEvent("LINK_CLIENT_ID_TAKEN_OVER", e -> true);
      assertThat(taken.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
      // Mosquitto 2.0 closes the connection without MQTT 5's reason 0x8E: the pattern gives it away
      assertThat(taken.getText()).contains("client id test-site-ctl-1 was taken over").contains("retrying in");
      assertThat(taken.getArgsMap()).containsKey("retry_in_ms").containsEntry("client_id", "test-site-ctl-1");

      intruder.disconnect();
      intruder.close();
      long statesBefore = tester.recorder().on(Firmware.topic("state")).size();

      await("back online").atMost(Duration.ofSeconds(20)).until(() -> link.isConnected()
          && tester.recorder().on(Firmware.topic("state")).stream().skip(statesBefore)
              .anyMatch(m -> state(m).getStatus() == ControllerState.Status.STATUS_ONLINE));
      await("stays online").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(link::isConnected);
      tester.assertCompleted(tester.command("core.NOOP"));
    }
  }

  private static ControllerState state(space.lunarbase.testkit.MqttRecorder.Received message) {
    try {
      return ControllerState.parseFrom(message.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
