package space.lunarbase.fsw.core.rate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
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
import space.lunarbase.fsw.Firmware;
import space.lunarbase.proto.v1.RateGroupTaskTelemetry;
import space.lunarbase.proto.v1.RateGroupTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;

/** The firmware's rate groups over a real Mosquitto on tlm/core, and in /health. */
class CoreTelemetryTest {

  static final String CORE = Firmware.topic("tlm/core");
  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void theRateGroupsStatisticsArriveOnTlmCoreAndShowInHealth(@TempDir Path data) throws Exception {
    Map<String, Object> properties = Firmware.properties(data, Map.of("lunarbase.link.broker-url", broker.url(),
        "lunarbase.link.health-period", "200ms"));
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), CORE);
         EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
      TelemetryFrame frame = frame(recorder.awaitMatch(CORE,
          m -> !frame(m).getHeader().getHistorical() && frame(m).getCore().getGroups(0).getCycles() > 100,
          Duration.ofSeconds(15)));

      assertThat(frame.getPayloadCase()).isEqualTo(TelemetryFrame.PayloadCase.CORE);
      assertThat(frame.getCore().getGroupsList()).extracting(RateGroupTelemetry::getName)
          .containsExactly("fast", "medium", "slow");
      RateGroupTelemetry fast = frame.getCore().getGroups(0);
      assertThat(fast.getRateHz()).isEqualTo(100.0);
      assertThat(fast.getHealthy()).isTrue();
      assertThat(fast.getWindowCycles()).isPositive();
      assertThat(fast.getLatenessP99Us()).isGreaterThanOrEqualTo(fast.getLatenessP50Us());
      assertThat(fast.getLatenessP999Us()).isGreaterThanOrEqualTo(fast.getLatenessP99Us());
      assertThat(fast.getExecMaxUs()).isGreaterThanOrEqualTo(fast.getExecP99Us());
      // test defaults: bank frames every 50 ms and the pack series every 10 ms run in the 100 Hz group
      assertThat(fast.getTasksList()).extracting(RateGroupTaskTelemetry::getName, RateGroupTaskTelemetry::getEveryCycles)
          .contains(org.assertj.core.groups.Tuple.tuple("bank-frames", 5),
              org.assertj.core.groups.Tuple.tuple("bank-pack-series", 1));
      assertThat(fast.getTasksList()).allSatisfy(task -> assertThat(task.getRuns()).isPositive());
      // bank management every 100 ms
      assertThat(frame.getCore().getGroups(1).getTasksList()).extracting(RateGroupTaskTelemetry::getName)
          .containsExactlyInAnyOrder("bank-manager", "link-health", "sequences");
      // the limit monitor, the bank's thermometers, the sequences' and the rail's frames, the tracker's control
      // and frames at their default 1 s periods, the clock's synchronisation (10 s)
      assertThat(frame.getCore().getGroups(2).getTasksList()).extracting(RateGroupTaskTelemetry::getName)
          .containsExactlyInAnyOrder("limit-monitor", "core-telemetry", "parameter-telemetry", "bank-thermometers",
              "sequence-telemetry", "rail-frames", "tracker-control", "tracker-frames", "clock-sync");

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"rateGroups\"").contains("\"fast\"").contains("\"medium\"")
          .contains("\"slow\"").contains("\"latenessP99Us\"").contains("\"watchdogTripped\":false");
    }
  }

  static TelemetryFrame frame(Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a TelemetryFrame on " + message.topic(), e);
    }
  }
}
