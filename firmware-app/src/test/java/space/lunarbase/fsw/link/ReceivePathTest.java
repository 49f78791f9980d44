package space.lunarbase.fsw.link;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;

/**
 * The link never reports a receive path it does not have: on a quiet broker its own probe keeps it
 * UP; a message handler stuck forever, or one that throws an Error, kills the path, and then
 * {@code /health} is DOWN (503) with the reason and a FATAL {@code LINK_RECEIVE_DEAD} event goes out.
 * ({@link HostileBrokerTest}: a receive thread stalled by the broker, which only the probe sees.)
 */
class ReceivePathTest {

  static final String EVT = Firmware.topic("evt");
  static final String TLM_LINK = Firmware.topic("tlm/link");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @AfterAll
  static void release() {
    BrokenHandlers.RELEASE.countDown();
  }

  private static Map<String, Object> properties(Path data) {
    Map<String, Object> properties = new HashMap<>(Firmware.properties(data, Map.of(
        "lunarbase.link.broker-url", broker.url(), "spec.name", "ReceivePathTest",
        "lunarbase.link.probe-period", "200ms", "lunarbase.link.receive-timeout", "1s",
        "lunarbase.link.health-period", "200ms")));
    return properties;
  }

  @Test
  void onAQuietBrokerTheProbeKeepsTheLinkUp(@TempDir Path data) throws Exception {
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(data))) {
      MqttLink link = server.getApplicationContext().getBean(MqttLink.class);
      await().atMost(Duration.ofSeconds(10)).until(link::isConnected);

      // three receive timeouts with no message but the link's own probes
      await("still alive").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> link.failure().isEmpty() && link.isConnected());
      assertThat(link.health().receiveIdleMillis()).as("the probe arrives").isLessThan(1000);
      assertThat(health(server).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aHandlerStuckForeverMakesTheLinkDownWithAFatalEvent(@TempDir Path data) throws Exception {
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), List.of(EVT, TLM_LINK));
         EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(data))) {
      MqttLink link = server.getApplicationContext().getBean(MqttLink.class);
      await().atMost(Duration.ofSeconds(10)).until(link::isConnected);
      assertThat(health(server).statusCode()).isEqualTo(200);

      broker.broker().publishOnce(Firmware.topic("test/stuck"), new byte[] {1});
      try {
        await("receive path found dead").atMost(Duration.ofSeconds(10)).until(() -> link.failure().isPresent());
        assertThat(link.failure().orElseThrow()).contains("a message handler has not returned for")
            .contains("callback thread is stuck");
        assertDown(server, "has not returned");
        Event fatal = fatal(recorder);
        assertThat(fatal.getText()).contains("receive path is dead").contains("has not returned");
        assertThat(fatal.getArgsMap()).containsEntry("probe_topic", "lunarbase/probe/test-site-ctl-1");
        TelemetryFrame frame = TelemetryFrame.parseFrom(recorder.awaitMatch(TLM_LINK, m -> status(m).equals("STATUS_FAILED"),
            Duration.ofSeconds(10)).payload());
        assertThat(frame.getLink().getFailure()).contains("receive path dead");
      } finally {
        // before the context closes: the client's callback thread must be free to stop
        BrokenHandlers.RELEASE.countDown();
      }
    }
  }

  @Test
  void aHandlerThatThrowsAnErrorMakesTheLinkDownWithAFatalEvent(@TempDir Path data) throws Exception {
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), List.of(EVT));
         EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(data))) {
      MqttLink link = server.getApplicationContext().getBean(MqttLink.class);
      await().atMost(Duration.ofSeconds(10)).until(link::isConnected);

      broker.broker().publishOnce(Firmware.topic("test/broken"), new byte[] {1});

      await("receive path found dead").atMost(Duration.ofSeconds(10)).until(() -> link.failure().isPresent());
      assertThat(link.failure().orElseThrow()).contains("test/broken").contains("OutOfMemoryError");
      assertDown(server, "OutOfMemoryError");
      assertThat(fatal(recorder).getText()).contains("OutOfMemoryError");
    }
  }

  private static Event fatal(MqttRecorder recorder) {
    return event(recorder.awaitMatch(EVT, m -> event(m).getName().equals("LINK_RECEIVE_DEAD"), Duration.ofSeconds(10)),
        Severity.SEVERITY_FATAL);
  }

  private static Event event(MqttRecorder.Received message, Severity expected) {
    Event event = event(message);
    assertThat(event.getSeverity()).isEqualTo(expected);
    assertThat(event.getSubsystem()).isEqualTo("link");
    return event;
  }

  private static Event event(MqttRecorder.Received message) {
    try {
      return Event.parseFrom(message.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static String status(MqttRecorder.Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload()).getLink().getStatus().name();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertDown(EmbeddedServer server, String reason) throws Exception {
    HttpResponse<String> health = health(server);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
    assertThat(health.body()).contains("\"link\"").contains("\"status\":\"DOWN\"").contains("\"failure\"")
        .contains(reason);
  }

  private static HttpResponse<String> health(EmbeddedServer server) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
