package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.station.site.KnownDictionary;
import space.lunarbase.testkit.HiveMqBroker;

/**
 * The station is not tied to Mosquitto: on a second broker implementation (HiveMQ CE) it takes a
 * controller's retained birth and dictionary and archives its frames, each once.
 */
class SecondBrokerIngestTest {

  private static final long T0 = 1_790_000_000_000L;
  private static final int FRAMES = 10;

  @Test
  void theStationArchivesAControllersFramesAndDictionaryThroughHiveMq(@TempDir Path dir) throws Exception {
    try (HiveMqBroker broker = HiveMqBroker.start();
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
            "lunarbase.station.broker-url", broker.url(),
            "lunarbase.station.data-dir", dir.toString(),
            "micronaut.server.port", -1)).getApplicationContext()) {
      Station station = context.getBean(Station.class);
      await().atMost(Duration.ofSeconds(20)).until(station.link()::isConnected);

      byte[] dictionary = Dictionary.newBuilder().setVersion(1)
          .addCommands(CommandInfo.newBuilder().setName("bank.STOP").addRoles("operator")).build().toByteArray();
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dictionary));
      MqttClient controller = new MqttClient(broker.url(), "bank-ctl-9-test", new MemoryPersistence());
      controller.connect(new MqttConnectOptions());
      controller.publish(Frames.topic("dictionary"), dictionary, 1, true);
      controller.publish(Frames.topic("state"), ControllerState.parseFrom(Frames.online(1, T0)).toBuilder()
          .setDictionaryHash(hash).build().toByteArray(), 1, true);
      for (int i = 1; i <= FRAMES; i++) {
        controller.publish(Frames.topic("tlm/bank"), Frames.bank(1, i, T0 + i * 1000L, 30 + i, false), 1, false);
      }
      controller.disconnect();
      controller.close();

      await("every message archived").atMost(Duration.ofSeconds(30))
          .until(() -> station.ingest().committedMessages() >= FRAMES + 2);
      station.archive().applyNow();
      long[] samples = {0};
      station.archive().query("SELECT count() FROM samples WHERE channel = 'bank.pack_voltage_v'", row -> {
        samples[0] = row.getLong(0);
        return false;
      });
      assertThat(samples[0]).isEqualTo(FRAMES);
      assertThat(station.site().dictionary(Frames.KEY).map(KnownDictionary::hash)).contains(hash);
      assertThat(station.ingest().counters().rejected).isZero();
    }
  }
}
