package space.lunarbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The embedded HiveMQ: a loopback listener that relays and retains, and a clean stop that leaves nothing. */
class HiveMqBrokerTest {

  @Test
  void relaysAndRetainsOnLoopbackAndLeavesNoFolderBehind() throws Exception {
    HiveMqBroker broker = HiveMqBroker.start();
    Duration[] stopped = new Duration[1];
    try (Broker ignored = () -> stopped[0] = broker.stop()) {
      assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
      MqttClient publisher = new MqttClient(broker.url(), "publisher", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      publisher.connect(options);
      publisher.publish("t/retained", "kept".getBytes(StandardCharsets.UTF_8), 1, true);
      try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "t/#")) {
        publisher.publish("t/live", "live".getBytes(StandardCharsets.UTF_8), 1, false);
        assertThat(recorder.awaitCount("t/retained", 1, Duration.ofSeconds(10)).getFirst().retained()).isTrue();
        assertThat(new String(recorder.awaitCount("t/live", 1, Duration.ofSeconds(10)).getFirst().payload(),
            StandardCharsets.UTF_8)).isEqualTo("live");
      }
      publisher.disconnect();
      publisher.close();
      assertThat(broker.folder().resolve("conf/config.xml")).exists();
      System.out.printf("HiveMQ embedded started in %d ms%n", broker.startTime().toMillis());
    }
    System.out.printf("HiveMQ embedded stopped in %d ms%n", stopped[0].toMillis());
    assertThat(broker.folder()).as("the broker's folder after close").doesNotExist();
  }

  /** close() without a checked exception. */
  private interface Broker extends AutoCloseable {
    @Override
    void close();
  }
}
