package space.lunarbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MosquittoBrokerTest {

  @Test
  void brokerCarriesAMessageAndComesBackAfterAKill() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "t/#")) {
      assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
      broker.publishOnce("t/a", "one".getBytes(StandardCharsets.UTF_8));
      assertThat(recorder.awaitCount("t/a", 1, Duration.ofSeconds(5)).getFirst().payload())
          .asString(StandardCharsets.UTF_8).isEqualTo("one");

      broker.kill();
      assertThat(broker.isRunning()).isFalse();
      broker.restart();
      assertThat(broker.isRunning()).isTrue();
      broker.publishOnce("t/b", "two".getBytes(StandardCharsets.UTF_8));
      try (MqttRecorder again = MqttRecorder.subscribe(broker.url(), "t/#")) {
        broker.publishOnce("t/c", "three".getBytes(StandardCharsets.UTF_8));
        assertThat(again.awaitCount("t/c", 1, Duration.ofSeconds(5))).hasSize(1);
      }
    }
  }
}
