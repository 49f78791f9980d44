package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The station in a Micronaut context on a real Mosquitto: messages published by a controller's
 * client are archived once, and the REST API returns them exact, decimated to min/max, and as CSV.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StationApiTest {

  private static final long T0 = 1_790_000_000_000L;
  private static final int FRAMES = 20;

  @TempDir
  static Path dir;

  private MosquittoBroker broker;
  private ApplicationContext context;
  private String base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    broker = MosquittoBroker.start();
    context = ApplicationContext.run(EmbeddedServer.class, Map.of(
        "lunarbase.station.broker-url", broker.url(),
        "lunarbase.station.data-dir", dir.toString(),
        "micronaut.server.port", -1)).getApplicationContext();
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    base = "http://127.0.0.1:" + server.getPort();
    Station station = context.getBean(Station.class);
    await().atMost(Duration.ofSeconds(20)).until(station.link()::isConnected);

    MqttClient controller = new MqttClient(broker.url(), "bank-ctl-9-test", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);
    controller.connect(options);
    controller.publish(Frames.topic("state"), Frames.online(1, T0 - 1000), 1, true);
    for (int i = 1; i <= FRAMES; i++) {
      byte[] frame = Frames.bankWithBatch(1, i, T0 + i * 1000L, 1000);
      controller.publish(Frames.topic("tlm/bank"), frame, 1, false);
      if (i == 5) {
        controller.publish(Frames.topic("tlm/bank"), frame, 1, false); // delivered twice
      }
    }
    controller.disconnect();
    controller.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> station.ingest().committedMessages() >= FRAMES + 2);
    station.archive().applyNow();
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String history(long startMs, long endMs, String extra) throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/history?controller=" + Frames.KEY + "&channel=bank.fast_current_a&start="
        + startMs + "&end=" + endMs + extra);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static int datums(String json) {
    return json.equals("[]") ? 0 : json.split("\\{\"utc\"").length - 1;
  }

  @Test
  void everySampleIsArchivedOnceAndTheDuplicateFrameIsCounted() throws Exception {
    String body = history(T0, T0 + FRAMES * 1000L + 1, "&size=100000");
    assertThat(datums(body)).isEqualTo(FRAMES * 1000);
    assertThat(get("/api/status").body()).contains("\"duplicates\":1");
  }

  @Test
  void aWideRangeComesDecimatedToMinAndMaxPerBucket() throws Exception {
    String body = history(T0, T0 + 20_000, "&size=10&strategy=minmax");
    // 10 buckets of 2 s from the per-second rollup, each as its min and its max
    assertThat(datums(body)).isBetween(20, 22);
    assertThat(body).contains("\"min\":0").contains("\"max\":999").contains("\"count\":2000");
  }

  @Test
  void aNarrowRangeComesExact() throws Exception {
    String body = history(T0 + 5_000, T0 + 5_299, "&size=1000&strategy=minmax");
    assertThat(datums(body)).isEqualTo(300);
    assertThat(body).doesNotContain("\"min\"");
  }

  @Test
  void csvExportHasAHeaderAndOneLinePerSample() throws Exception {
    HttpResponse<String> csv = get("/api/history.csv?controller=" + Frames.KEY
        + "&channel=bank.fast_current_a&start=" + (T0 + 5_000) + "&end=" + (T0 + 5_009));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\n");
    assertThat(lines[0]).isEqualTo("time,value");
    assertThat(lines).hasSize(11);
    assertThat(lines[1]).matches("20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z,\\d+\\.0");

    HttpResponse<String> decimated = get("/api/history.csv?controller=" + Frames.KEY
        + "&channel=bank.fast_current_a&start=" + T0 + "&end=" + (T0 + 20_000) + "&size=4&strategy=minmax");
    assertThat(decimated.body()).startsWith("time,min,max,mean,count\n");
  }

  @Test
  void badRequestsAreRefusedWithTheReason() throws Exception {
    HttpResponse<String> response = get("/api/history?controller=nobody&channel=x&start=2&end=1");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("controller must be site/controller");
    response = get("/api/history?controller=" + Frames.KEY + "&channel=x&start=1&end=2&size=0");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("size must be within");
  }

  @Test
  void theSiteListsTheControllerItsStateAndSeries() throws Exception {
    String site = get("/api/site").body();
    assertThat(site).contains("\"key\":\"" + Frames.KEY + "\"").contains("\"status\":\"ONLINE\"")
        .contains("\"name\":\"bank.fast_current_a\"").contains("\"unit\":\"A\"");
    String events = get("/api/log/events?start=" + (T0 - 5000) + "&end=" + (T0 + 60_000)).body();
    assertThat(events).contains("\"kind\":\"STATE\"").contains("ONLINE boot 1");
  }
}
