package space.lunarbase.fsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.link.MqttLink;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * The start's order: telemetry first, the HTTP server once the link has sent its first frames, and
 * with the broker away the server still comes up, its {@code /health} saying the link is away.
 */
class ApplicationStartTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void theLinkSendsItsFirstFramesBeforeTheHttpServerStarts(@TempDir Path data) throws Exception {
    try (ApplicationContext firmware = Application.context(args(data, broker.url()))) {
      Application.start(firmware);

      MqttLink link = firmware.getBean(MqttLink.class);
      assertThat(firmware.getBean(EmbeddedServer.class).isRunning()).isTrue();
      assertThat(link.connections()).isEqualTo(1);
      assertThat(link.awaitFirstLive(Duration.ZERO)).as("the first live message was handed over before").isTrue();
    }
  }

  @Test
  void withTheBrokerAwayTheHttpServerStartsAfterItsWaitAndHealthSaysSo(@TempDir Path data) throws Exception {
    String nowhere = "tcp://127.0.0.1:" + MosquittoBroker.FreePort.find();
    long started = System.nanoTime();
    try (ApplicationContext firmware = Application.context(args(data, nowhere))) {
      Application.start(firmware);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Application.SERVER_AFTER_LINK);
      EmbeddedServer server = firmware.getBean(EmbeddedServer.class);
      assertThat(server.isRunning()).isTrue();
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).contains("\"broker\":\"" + nowhere + "\"", "\"state\":\"UNAVAIL\"");
    }
  }

  /** The test firmware's settings as the command line gives them ({@code --key=value}). */
  private static String[] args(Path data, String brokerUrl) {
    return Firmware.properties(data, Map.of("lunarbase.link.broker-url", brokerUrl)).entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }
}
