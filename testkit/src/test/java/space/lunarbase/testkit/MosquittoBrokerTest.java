package space.lunarbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

class MosquittoBrokerTest {

  @Test
  void brokerCarriesAMessageAndComesBackAfterAKill() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "t/#")) {
      assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
      publish(broker.url(), "t/a", "one");
      assertThat(recorder.awaitCount("t/a", 1, Duration.ofSeconds(5)).getFirst().payload())
          .asString(StandardCharsets.UTF_8).isEqualTo("one");

      broker.kill();
      assertThat(broker.isRunning()).isFalse();
      broker.restart();
      assertThat(broker.isRunning()).isTrue();
      publish(broker.url(), "t/b", "two");
      try (MqttRecorder again = MqttRecorder.subscribe(broker.url(), "t/#")) {
        publish(broker.url(), "t/c", "three");
        assertThat(again.awaitCount("t/c", 1, Duration.ofSeconds(5))).hasSize(1);
      }
    }
  }

  private static void publish(String url, String topic, String text) throws Exception {
    MqttClient client = new MqttClient(url, MqttClient.generateClientId(), new MemoryPersistence());
    client.connect();
    client.publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, false);
    client.disconnect();
    client.close();
  }
}
