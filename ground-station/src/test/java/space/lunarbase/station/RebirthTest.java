package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.LimitLevel;
import space.lunarbase.proto.v1.RebirthRequest;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.TestSite;

/**
 * A channel frame whose catalogue the station lacks: on a plain site the station asks the
 * controller for a rebirth; on a secure site, as the read-only observer, it asks nothing, holds the
 * values and names them when the catalogue comes (every controller repeats it periodically).
 */
class RebirthTest {

  private static final long T0 = 1_790_000_000_000L;

  @TempDir
  Path dir;

  private ApplicationContext station(MosquittoBroker broker, Map<String, Object> more) {
    Map<String, Object> settings = new java.util.HashMap<>(Map.of(
        "lunarbase.station.broker-url", broker.url(),
        "lunarbase.station.data-dir", dir.toString(),
        "micronaut.server.port", -1));
    settings.putAll(more);
    return ApplicationContext.run(EmbeddedServer.class, settings).getApplicationContext();
  }

  @Test
  void onAPlainSiteTheStationAsksForTheCatalogue() throws Exception {
    List<RebirthRequest> asked = new CopyOnWriteArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start();
         ApplicationContext context = station(broker, Map.of())) {
      Station station = context.getBean(Station.class);
      MqttClient controller = new MqttClient(broker.url(), "rebirth-listener", new MemoryPersistence());
      controller.connect();
      controller.subscribe(Frames.topic("rebirth"), 1, (topic, message) -> asked.add(RebirthRequest.parseFrom(
          message.getPayload())));
      await("connected").atMost(Duration.ofSeconds(30)).until(station.link()::isConnected);
      broker.publishOnce(Frames.topic("tlm/channels"),
          Frames.channels(1, 1, T0, false, 30.5f, 2.1f, LimitLevel.LIMIT_LEVEL_IN_LIMITS));
      await("a rebirth request").atMost(Duration.ofSeconds(30)).until(() -> !asked.isEmpty());
      assertThat(asked.getFirst().getReason()).contains("catalogue");
      assertThat(station.link().asksRebirths()).isTrue();
      assertThat(station.link().rebirthRequests()).isEqualTo(asked.size());
      controller.disconnect();
      controller.close();
    }
  }

  @Test
  void onASecureSiteTheObserverAsksNothingAndNamesTheHeldValuesWhenTheCatalogueComes() {
    TestSite site = TestSite.provision();
    SiteFolder.Bundle bundle = site.bundle("ground-station");
    String channels = site.prefix("bank-ctl-1") + "tlm/channels";
    try (MosquittoBroker broker = MosquittoBroker.startSecure(site);
         ApplicationContext context = station(broker, Map.of(
             "lunarbase.station.tls.ca-file", bundle.caFile().toString(),
             "lunarbase.station.tls.cert-file", bundle.certificateFile().toString(),
             "lunarbase.station.tls.key-file", bundle.keyFile().toString()))) {
      Station station = context.getBean(Station.class);
      await("connected over TLS").atMost(Duration.ofSeconds(30)).until(station.link()::isConnected);
      broker.publishOnce("bank-ctl-1", channels,
          Frames.channels(1, 1, T0, false, 30.5f, 2.1f, LimitLevel.LIMIT_LEVEL_IN_LIMITS));
      await("the frame taken and held").atMost(Duration.ofSeconds(30))
          .until(() -> station.ingest().committedMessages() >= 1);
      broker.publishOnce("bank-ctl-1", channels,
          Frames.channels(1, 2, T0 + 1000, true, 30.6f, 2.2f, LimitLevel.LIMIT_LEVEL_IN_LIMITS));
      await("the held value named").atMost(Duration.ofSeconds(30)).until(() -> {
        station.archive().applyNow();
        return !station.history().raw("lunar-south/bank-ctl-1", "bank.pack_voltage", T0 * 1000, T0 * 1000 + 1, 10)
            .isEmpty();
      });
      assertThat(station.link().asksRebirths()).isFalse();
      assertThat(station.link().rebirthRequests()).isZero();
    }
  }
}
