package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.SampleBatch;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.station.archive.Archive;
import space.lunarbase.station.archive.ArchiveWriter;
import space.lunarbase.station.archive.History;
import space.lunarbase.station.archive.Maintenance;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The station's figures (not in the default build: {@code -Dmeasurement.excluded=none
 * -Dgroups=measurement}): ingest end to end against decoding alone in the same run, and a min/max
 * query over 24 h of a 1 kHz channel. Prints {@code STATION-BENCH} lines.
 */
@Tag("measurement")
class StationBench {

  private static final int BATCHES = 5;
  private static final int SAMPLES = 1000;

  @TempDir
  Path dir;

  private static byte[] frame(long sequence, long timeMillis, Random random) {
    TelemetryFrame.Builder frame = TelemetryFrame.newBuilder()
        .setHeader(Frames.header(1, sequence, timeMillis, false));
    for (int b = 0; b < BATCHES; b++) {
      SampleBatch.Builder batch = SampleBatch.newBuilder().setChannel("coil_" + b + "_current_a");
      for (int i = 0; i < SAMPLES; i++) {
        batch.addTimeOffsetNs(-(long) (SAMPLES - 1 - i) * 1_000_000L).addValue((float) (100 + random.nextGaussian()));
      }
      frame.addBatches(batch);
    }
    return frame.build().toByteArray();
  }

  private static double decodeOnly(List<byte[]> payloads) throws Exception {
    double best = 0;
    double sink = 0;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      long samples = 0;
      for (byte[] payload : payloads) {
        TelemetryFrame frame = TelemetryFrame.parseFrom(payload);
        for (SampleBatch batch : frame.getBatchesList()) {
          for (int i = 0; i < batch.getValueCount(); i++) {
            sink += batch.getValue(i) + batch.getTimeOffsetNs(i);
          }
          samples += batch.getValueCount();
        }
      }
      best = Math.max(best, samples / ((System.nanoTime() - start) / 1e9));
    }
    assertThat(sink).isNotZero();
    return best;
  }

  /** Publishes without waiting for each PUBACK (up to the client's inflight window). */
  private static void publishAll(MqttAsyncClient publisher, String topic, List<byte[]> payloads) throws Exception {
    List<IMqttDeliveryToken> tokens = new ArrayList<>();
    for (byte[] payload : payloads) {
      while (publisher.getPendingDeliveryTokens().length >= 900) {
        tokens.removeFirst().waitForCompletion(30_000);
      }
      tokens.add(publisher.publish(topic, payload, 1, false));
    }
    for (IMqttDeliveryToken token : tokens) {
      token.waitForCompletion(60_000);
    }
  }

  @Test
  void ingestEndToEndAgainstDecodingAlone() throws Exception {
    int messages = 600;
    Random random = new Random(7);
    long t0 = 1_790_000_000_000L;
    List<byte[]> warmUp = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      warmUp.add(frame(i, t0 + i * 1000L, random));
    }
    for (int i = 1; i <= messages; i++) {
      payloads.add(frame(200 + i, t0 + (200 + i) * 1000L, random));
    }
    double decode = decodeOnly(payloads);
    try (MosquittoBroker broker = MosquittoBroker.start();
         ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
             "lunarbase.station.broker-url", broker.url(),
             "lunarbase.station.data-dir", dir.toString(),
             "micronaut.server.port", -1)).getApplicationContext()) {
      Station station = context.getBean(Station.class);
      await().atMost(Duration.ofSeconds(30)).until(station.link()::isConnected);
      MqttAsyncClient publisher = new MqttAsyncClient(broker.url(), "bench-publisher", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMaxInflight(1000);
      publisher.connect(options).waitForCompletion(10_000);
      String topic = Frames.topic("tlm/rail");
      publishAll(publisher, topic, warmUp);
      await().atMost(Duration.ofSeconds(120)).until(() -> station.ingest().committedMessages() >= warmUp.size());
      long before = station.ingest().committedMessages();
      long start = System.nanoTime();
      publishAll(publisher, topic, payloads);
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(5))
          .until(() -> station.ingest().committedMessages() >= before + messages);
      double seconds = (System.nanoTime() - start) / 1e9;
      publisher.disconnect().waitForCompletion(10_000);
      publisher.close();
      long samples = (long) messages * BATCHES * SAMPLES;
      double endToEnd = samples / seconds;
      System.out.printf("STATION-BENCH ingest: %d samples in %d messages (QoS 1, %d x %d-sample batches each) "
          + "end to end %.0f samples/s (%.2f s, %d commits); decoding alone %.0f samples/s; ratio %.2f%n",
          samples, messages, BATCHES, SAMPLES, endToEnd, seconds, station.ingest().commits(), decode, endToEnd / decode);
      station.archive().applyNow();
      long[] stored = {0};
      station.archive().query("SELECT count() FROM samples", row -> {
        stored[0] = row.getLong(0);
        return false;
      });
      assertThat(stored[0]).isEqualTo((long) (messages + warmUp.size()) * BATCHES * SAMPLES);
    }
  }

  @Test
  void minMaxOver24HoursOfA1kHzChannelAt1000Points() {
    long day = 86_400_000_000L;
    long start = (1_790_000_000_000_000L / day) * day - day / 2; // noon: the day spans two partitions
    long rows = 86_400_000L;
    Random random = new Random(3);
    try (Archive archive = Archive.open(dir.resolve("archive"))) {
      long t = System.nanoTime();
      try (ArchiveWriter writer = archive.writer()) {
        for (long i = 0; i < rows; i++) {
          // an INA226-like reading: 1.25 mV steps around 30 V
          double volts = 30 + Math.sin(i / 60_000.0) + random.nextGaussian() * 0.005;
          writer.sample(start + i * 1000L, "lunar-south/rail-ctl-1", "rail.coil_0_current_a",
              Math.round(volts / 0.00125) * 0.00125);
          if (i % 1_000_000 == 999_999) {
            writer.commit();
          }
        }
        writer.commit();
      }
      double written = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      archive.applyNow();
      double applied = (System.nanoTime() - t) / 1e9;
      History history = new History(archive);
      double[] millis = new double[7];
      History.Series series = null;
      for (int i = 0; i < millis.length; i++) {
        long q = System.nanoTime();
        series = history.forPlot("lunar-south/rail-ctl-1", "rail.coil_0_current_a", start, start + day, 1000);
        millis[i] = (System.nanoTime() - q) / 1e6;
      }
      long q = System.nanoTime();
      List<History.Bucket> raw = history.buckets("lunar-south/rail-ctl-1", "rail.coil_0_current_a", start, start + day,
          86_399_000L); // just under a second bucket: forces the raw samples, the baseline
      double rawMillis = (System.nanoTime() - q) / 1e6;
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      System.out.printf("STATION-BENCH write: %d rows in %.1f s (%.0f rows/s), WAL apply and rollup %.1f s%n", rows,
          written, rows / written, applied);
      System.out.printf("STATION-BENCH query: min/max over 24 h of a 1 kHz channel at 1000 points: median %.1f ms,"
          + " best %.1f ms, first %.1f ms (%d buckets from the rollup); from raw samples %.0f ms (%d buckets)%n",
          sorted[sorted.length / 2], sorted[0], millis[0], series.buckets().size(), rawMillis, raw.size());
      assertThat(series.buckets()).hasSizeBetween(990, 1001);
      assertThat(series.buckets().stream().mapToLong(History.Bucket::count).sum()).isEqualTo(rows);
      assertThat(raw.stream().mapToLong(History.Bucket::count).sum()).isEqualTo(rows);

      Maintenance maintenance = new Maintenance(archive, Duration.ZERO, Duration.ZERO, Duration.ofDays(1));
      List<Maintenance.Partition> native_ = maintenance.partitions("samples");
      maintenance.compact(start + 3 * day);
      archive.applyNow();
      for (Maintenance.Partition p : native_) {
        System.out.printf("STATION-BENCH storage native %s: %d rows, %d bytes, %.1f bytes/sample%n", p.name(), p.rows(),
            p.bytes(), (double) p.bytes() / p.rows());
      }
      for (Maintenance.Partition p : maintenance.partitions("samples")) {
        System.out.printf("STATION-BENCH storage %s %s: %d rows, %d bytes, %.2f bytes/sample%n",
            p.parquet() ? "parquet" : "native", p.name(), p.rows(), p.bytes(), (double) p.bytes() / p.rows());
      }
      for (Maintenance.Partition p : maintenance.partitions("samples_1s")) {
        System.out.printf("STATION-BENCH storage rollup %s: %d rows, %d bytes, %.3f bytes per raw sample%n",
            p.name(), p.rows(), p.bytes(), (double) p.bytes() / (p.rows() * 1000.0));
      }
      assertThat(sorted[sorted.length / 2]).isLessThan(100);
    }
  }
}
