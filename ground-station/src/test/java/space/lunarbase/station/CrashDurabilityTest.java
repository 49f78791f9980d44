package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The station killed with SIGKILL while a controller publishes: what it acknowledged is in its
 * archive after the restart, what it had not is delivered again by the broker (its persistent
 * session), and nothing is stored twice.
 */
class CrashDurabilityTest {

  private static final int FRAMES = 2000;
  private static final int SAMPLES = 100;
  private static final long T0 = 1_790_000_000_000L;

  @TempDir
  Path dir;

  /** The samples counted in a min/max history answer (each bucket's count is on both its datums). */
  private static long total(String json) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"count\":(\\d+)").matcher(json);
    long sum = 0;
    for (int i = 0; m.find(); i++) {
      if (i % 2 == 0) {
        sum += Long.parseLong(m.group(1));
      }
    }
    return sum;
  }

  @Test
  void aKilledStationLosesNothingItAcknowledgedAndStoresNothingTwice() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      StationProcess station = StationProcess.start(broker.url(), dir.resolve("data"), dir.resolve("station.log"));
      AtomicInteger published = new AtomicInteger();
      Thread publisher = Thread.ofPlatform().start(() -> {
        try {
          MqttClient controller = new MqttClient(broker.url(), "bank-ctl-9-crash", new MemoryPersistence());
          MqttConnectOptions options = new MqttConnectOptions();
          options.setMaxInflight(1000);
          controller.connect(options);
          for (int i = 1; i <= FRAMES; i++) {
            controller.publish(Frames.topic("tlm/bank"), Frames.bankWithBatch(1, i, T0 + i * 100L, SAMPLES), 1, false);
            published.incrementAndGet();
          }
          controller.disconnect();
          controller.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> station.committedMessages() >= FRAMES / 4);
        station.kill();
        long acknowledgedBefore = FRAMES / 4;
        assertThat(published.get()).isGreaterThanOrEqualTo((int) acknowledgedBefore);
        publisher.join(120_000);

        try (StationProcess again = StationProcess.start(broker.url(), dir.resolve("data"), dir.resolve("station.log"))) {
          String query = "/api/history?controller=" + Frames.KEY + "&channel=bank.fast_current_a&start="
              + (T0 - 10_000) + "&end=" + (T0 + FRAMES * 100L + 10_000) + "&size=1&strategy=minmax";
          try {
            await("every sample archived after the restart").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> total(again.get(query)) == (long) FRAMES * SAMPLES);
          } catch (RuntimeException e) {
            throw new AssertionError("history: " + again.get(query) + "\nstatus: " + again.status() + "\ngaps: "
                + again.get("/api/gaps") + "\nlog: " + java.nio.file.Files.readString(dir.resolve("station.log")), e);
          }
          String gaps = again.get("/api/gaps?controller=" + Frames.KEY);
          assertThat(gaps).isEqualTo("[]");
          // a second look: the total stays exact (no late duplicates)
          assertThat(total(again.get(query))).isEqualTo((long) FRAMES * SAMPLES);
        }
      } finally {
        station.close();
      }
    }
  }
}
