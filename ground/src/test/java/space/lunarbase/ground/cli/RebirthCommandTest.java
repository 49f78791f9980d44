package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.proto.v1.RebirthRequest;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;

/** {@code lunarctl rebirth} publishes a RebirthRequest a controller can parse, where it listens. */
class RebirthCommandTest {

  private static final String TOPIC = "lunarbase/v1/lunar-south/bank-ctl-1/rebirth";

  private @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void publishesAParsableRequestOnTheControllersRebirthTopic() throws Exception {
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/#")) {
      Run rebirth = Run.of("rebirth", "lunar-south/bank-ctl-1", "--reason", "console started", "--broker", broker.url());
      Run json = Run.of("rebirth", "lunar-south/bank-ctl-1", "--broker", broker.url(), "--json");

      assertThat(rebirth.exitCode()).isZero();
      assertThat(rebirth.lines()).containsExactly(
          "asked lunar-south/bank-ctl-1 to publish its schema and birth again (on " + TOPIC + ")");
      assertThat(json.exitCode()).isZero();
      assertThat(json.lines()).containsExactly("{\"command\":\"rebirth\",\"controller\":\"lunar-south/bank-ctl-1\","
          + "\"topic\":\"" + TOPIC + "\",\"reason\":\"lunarctl rebirth\"}");
      var received = recorder.awaitCount(TOPIC, 2, Duration.ofSeconds(5));
      assertThat(recorder.all()).hasSize(2);
      Received first = received.getFirst();
      assertThat(RebirthRequest.parseFrom(first.payload()))
          .isEqualTo(RebirthRequest.newBuilder().setReason("console started").build());
      assertThat(first.qos()).isEqualTo(1);
      assertThat(first.retained()).isFalse();
      assertThat(RebirthRequest.parseFrom(received.get(1).payload()).getReason()).isEqualTo("lunarctl rebirth");
    }
  }

  @Test
  void aControllerThatIsNotSiteSlashControllerIsAUsageError() throws Exception {
    for (String wrong : new String[] {"bank-ctl-1", "lunar-south/+", "Lunar/ctl", "a/b/c"}) {
      Run rebirth = Run.of("rebirth", wrong, "--broker", broker.url());

      assertThat(rebirth.exitCode()).as(wrong).isEqualTo(Lunarctl.EXIT_USAGE);
      assertThat(rebirth.out()).isEmpty();
      assertThat(rebirth.err()).contains("is not <site>/<controller>");
    }
  }
}
