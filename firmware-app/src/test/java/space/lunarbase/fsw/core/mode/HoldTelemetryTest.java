package space.lunarbase.fsw.core.mode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
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
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.health.SubsystemHealth;
import space.lunarbase.proto.v1.CoreTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder.Received;

/**
 * A range-safety hold and the clock's synchronisation as operators see them, in the firmware: on
 * {@code tlm/core} (holds, clock_sync), in {@code /health} (the subsystem HELD with its hold; clockSync UP
 * on the simulated board), and as HOLD_SET / HOLD_RELEASED events.
 */
class HoldTelemetryTest {

  static final String CORE = Firmware.topic("tlm/core");

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void aHoldIsOnTlmCoreAndInHealthUntilReleased(@TempDir Path data) throws Exception {
    try (CommandTester tester = CommandTester.start(data, broker.url(), Map.of(), 1)) {
      tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "SAFE")
          .key(TestKeys.RANGE_SAFETY));
      assertThat(tester.awaitEvent("HOLD_SET", e -> true).getArgsMap()).containsEntry("subsystem", "bank");
      CoreTelemetry held = core(tester.recorder().awaitMatch(CORE, m -> core(m).getHoldsCount() == 1,
          Duration.ofSeconds(10)));
      assertThat(held.getHolds(0).getSubsystem()).isEqualTo("bank");
      assertThat(held.getHolds(0).getKeyId()).isEqualTo("test-range-safety");
      assertThat(held.getHolds(0).getCause()).contains("core.SET_MODE");
      assertThat(held.getHolds(0).getSinceNs()).isPositive();
      assertThat(held.getClockSync().getSynchronised()).isTrue();
      assertThat(held.getClockSync().getSource()).isEqualTo("simulated board");

      EmbeddedServer server = tester.firmware().getBean(EmbeddedServer.class).start();
      JsonNode health = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(server.getURL() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
      JsonNode bank = health.path("details").path("bank");
      assertThat(bank.path("status").asText()).as(health.toString()).isEqualTo("HELD");
      assertThat(bank.path("details").path("rangeSafetyHold").asText()).startsWith("held SAFE by range safety since")
          .contains("key test-range-safety");
      JsonNode clock = health.path("details").path("clockSync");
      assertThat(clock.path("status").asText()).as(health.toString()).isEqualTo("UP");
      assertThat(clock.path("details").path("source").asText()).isEqualTo("simulated board");

      tester.assertCompleted(tester.command("core.RELEASE_HOLD").text("subsystem", "bank").key(TestKeys.RANGE_SAFETY));
      tester.awaitEvent("HOLD_RELEASED", e -> "bank".equals(e.getArgsMap().get("subsystem")));
      int seen = tester.recorder().on(CORE).size();
      tester.recorder().awaitMatch(CORE, m -> tester.recorder().on(CORE).indexOf(m) >= seen && core(m).getHoldsCount() == 0,
          Duration.ofSeconds(10));
      assertThat(tester.firmware().getBean(SubsystemHealth.class).report("bank").status())
          .isNotEqualTo(SubsystemHealth.HELD);
    }
  }

  private static CoreTelemetry core(Received m) {
    try {
      return TelemetryFrame.parseFrom(m.payload()).getCore();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
