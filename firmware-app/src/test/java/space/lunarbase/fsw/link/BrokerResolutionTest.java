package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.ControllerState.Status;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;

/** Which broker the firmware uses: the embedded one (on its port, or another if taken), or a configured one. */
class BrokerResolutionTest {

  @Test
  void withNoBrokerConfiguredItStartsAnEmbeddedBrokerAndPublishesThere(@TempDir Path data) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         ApplicationContext firmware = Firmware.start(data,
             Map.of("lunarbase.link.embedded.port", taken.getLocalPort()))) {
      BrokerEndpoint endpoint = firmware.getBean(BrokerService.class).endpoint();
      assertThat(endpoint.embedded()).isTrue();
      assertThat(endpoint.url()).startsWith("tcp://127.0.0.1:").doesNotEndWith(":" + taken.getLocalPort());
      assertThat(endpoint.note()).isEqualTo("port " + taken.getLocalPort() + " was taken");

      try (MqttRecorder recorder = MqttRecorder.subscribe(endpoint.url(), "lunarbase/v1/#")) {
        assertThat(recorder.awaitCount(Firmware.topic("tlm/bank"), 3, Duration.ofSeconds(10))).hasSizeGreaterThanOrEqualTo(3);
        // the retained schema is larger than Moquette's default packet limit (8092 bytes)
        assertThat(recorder.awaitCount(Firmware.topic("schema"), 1, Duration.ofSeconds(10)).getFirst().payload())
            .isEqualTo(space.lunarbase.proto.Schema.descriptorSet().toByteArray());
      }
      assertThat(space.lunarbase.proto.Schema.descriptorSet().getSerializedSize())
          .as("the schema fits the embedded broker's message limit with room to grow")
          .isLessThan(firmware.getBean(space.lunarbase.fsw.config.LinkSettings.class).maxPacketSize() / 4);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      firmware.getBean(StartupNotice.class).print(new PrintStream(out, true, StandardCharsets.UTF_8));
      String notice = out.toString(StandardCharsets.UTF_8);
      assertThat(notice).contains(endpoint.url() + " (embedded) (port " + taken.getLocalPort() + " was taken)")
          .contains("./lunarctl watch 'lunarbase/v1/test-site/ctl-1/#' --broker " + endpoint.url())
          .contains("mosquitto_sub -h 127.0.0.1 -p " + endpoint.url().substring(endpoint.url().lastIndexOf(':') + 1)
              + " -t lunarbase/v1/test-site/ctl-1/tlm/bank");
    }
  }

  @Test
  void whenThePortIsTakenAndAnyPortIsRefusedTheStartSaysHowToChoose(@TempDir Path data) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> Firmware.start(data, Map.of("lunarbase.link.embedded.port", taken.getLocalPort(),
          "lunarbase.link.embedded.any-port-if-taken", false)))
          .hasRootCauseInstanceOf(InvalidConfigException.class)
          .rootCause().hasMessageContaining("lunarbase.link.embedded.port='" + taken.getLocalPort() + "'")
          .hasMessageContaining("already in use").hasMessageContaining("--lunarbase.link.embedded.port=N");
    }
  }

  @Test
  void aConfiguredBrokerThatIsDownAtStartIsRetriedUntilItComesUp(@TempDir Path data) {
    MosquittoBroker broker = MosquittoBroker.start();
    try {
      broker.stop();
      try (ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()))) {
        MqttLink link = firmware.getBean(MqttLink.class);
        assertThat(link.isConnected()).isFalse();
        assertThat(firmware.getBean(BrokerService.class).endpoint().embedded()).isFalse();

        broker.restart();

        try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/#")) {
          ControllerState birth = ControllerState.parseFrom(recorder.awaitCount(Firmware.topic("state"), 1,
              Duration.ofSeconds(15)).getFirst().payload());
          assertThat(birth.getStatus()).isEqualTo(Status.STATUS_ONLINE);
          assertThat(recorder.awaitCount(Firmware.topic("tlm/bank"), 1, Duration.ofSeconds(10))).isNotEmpty();
        }
        assertThat(link.connections()).isEqualTo(1);
      }
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    } finally {
      broker.close();
    }
  }
}
