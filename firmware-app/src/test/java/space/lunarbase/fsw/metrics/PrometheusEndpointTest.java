package space.lunarbase.fsw.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.command.CommandCounters;
import space.lunarbase.fsw.link.MqttLink;
import space.lunarbase.testkit.MosquittoBroker;

/** {@code /prometheus} over HTTP carries the link's, the command path's and the rate groups' meters. */
class PrometheusEndpointTest {

  @Test
  void prometheusShowsLinkCommandAndRateGroupMeters(@TempDir Path data) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
         EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
             Firmware.properties(data, Map.of("lunarbase.link.broker-url", broker.url())))) {
      ApplicationContext firmware = server.getApplicationContext();
      await().atMost(Duration.ofSeconds(10)).until(firmware.getBean(MqttLink.class)::isConnected);
      MqttClient client = new MqttClient(broker.url(), MqttClient.generateClientId(), new MemoryPersistence());
      client.connect();
      client.publish(Firmware.topic("cmd"), new byte[] {(byte) 0xFF, 0x01}, 1, false); // garbage: MALFORMED
      client.disconnect();
      client.close();
      CommandCounters counters = firmware.getBean(CommandCounters.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> counters.snapshot().rejectedTotal() == 1);

      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      String body = response.body();
      assertThat(body)
          .containsPattern("(?m)^lunarbase_link_published_total [1-9]")
          .contains("lunarbase_link_replayed_total ", "lunarbase_link_reconnects_total ",
              "lunarbase_link_outbox_depth ", "lunarbase_link_journal_pending ", "lunarbase_link_journal_bytes ",
              "lunarbase_link_dropped_total{where=\"outbox\"}", "lunarbase_link_dropped_total{where=\"journal\"}",
              "lunarbase_link_dropped_total{where=\"too_large\"}", "lunarbase_link_takeovers_total 0",
              "lunarbase_link_inbound_dropped_total{reason=\"oversize\"} 0",
              "lunarbase_link_inbound_dropped_total{reason=\"retained\"} 0", "lunarbase_link_up 1")
          .contains("lunarbase_commands_total{status=\"received\"} 1", "lunarbase_commands_total{status=\"completed\"} 0",
              "lunarbase_commands_rejected_total{reason=\"MALFORMED\"} 1",
              "lunarbase_commands_rejected_total{reason=\"BAD_MAC\"} 0", "lunarbase_commands_queue_depth ")
          .containsPattern("lunarbase_rategroup_cycles_total\\{group=\"fast\"} [1-9]")
          .contains("lunarbase_rategroup_overruns_total{group=\"fast\"}",
              "lunarbase_rategroup_lateness_seconds{group=\"fast\",percentile=\"p99\"}",
              "lunarbase_rategroup_lateness_seconds{group=\"slow\",percentile=\"p99.9\"}");
    }
  }
}
