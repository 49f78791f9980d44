package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.TcpProxy;
import space.lunarbase.testkit.TestSite;
import space.lunarbase.wire.TlsFiles;

/**
 * The firmware on a secure site broker (a real Mosquitto with the site's TLS, identities and ACL):
 * it connects over TLS with its certificate, whose CN is its client id, publishes its birth and
 * telemetry, takes a signed command from an operator and acknowledges it, and keeps its telemetry
 * across a broker restart and replays it.
 */
class TlsLinkTest {

  static final String PREFIX = "lunarbase/v1/lunar-south/bank-ctl-1/";

  @Test
  void birthTelemetryCommandAndStoreAndForwardOverTls(@TempDir Path data) throws Exception {
    TestSite site = TestSite.provision();
    SiteFolder.Bundle bundle = site.bundle("bank-ctl-1");
    try (MosquittoBroker broker = MosquittoBroker.startSecure(site);
         MqttRecorder recorder = MqttRecorder.subscribeReconnecting(broker.url(), site.tls("ground-station"),
             List.of(PREFIX + "#"));
         TcpProxy network = TcpProxy.to(broker.port())) {
      // the controller's own network, so the test can hold it back while the recorder reconnects
      String brokerUrl = "ssl://127.0.0.1:" + network.port();
      Map<String, Object> properties = Firmware.properties(data, Map.of(
          "lunarbase.site", "lunar-south", "lunarbase.controller", "bank-ctl-1",
          "lunarbase.link.broker-url", brokerUrl,
          "lunarbase.link.tls.ca-file", bundle.caFile().toString(),
          "lunarbase.link.tls.cert-file", bundle.certificateFile().toString(),
          "lunarbase.link.tls.key-file", bundle.keyFile().toString()));
      try (ApplicationContext firmware = ApplicationContext.run(properties)) {
        MqttLink link = firmware.getBean(MqttLink.class);
        assertThat(broker.url()).startsWith("ssl://");
        assertThat(link.clientId()).isEqualTo("lunar-south.bank-ctl-1");
        assertThat(link.protocol()).isEqualTo("MQTT 5");

        ByteArrayOutputStream notice = new ByteArrayOutputStream();
        firmware.getBean(StartupNotice.class).print(new PrintStream(notice, true, StandardCharsets.UTF_8));
        assertThat(notice.toString(StandardCharsets.UTF_8))
            .as("the commands to watch a TLS site carry the site's CA and ask for the watcher's own certificate")
            .contains("./lunarctl watch '" + PREFIX + "#' --broker " + brokerUrl + " --ca " + bundle.caFile()
                + " --cert YOU.crt --cert-key YOU.key")
            .contains("--cafile " + bundle.caFile() + " --cert YOU.crt --key YOU.key -t " + PREFIX + "tlm/bank");

        ControllerState birth = ControllerState.parseFrom(recorder.awaitMatch(PREFIX + "state", m -> !m.retained(),
            Duration.ofSeconds(15)).payload());
        assertThat(birth.getStatus()).isEqualTo(ControllerState.Status.STATUS_ONLINE);
        assertThat(recorder.awaitCount(PREFIX + "tlm/bank", 3, Duration.ofSeconds(10))).hasSizeGreaterThanOrEqualTo(3);

        // an operator's signed command over TLS, and its acks
        TlsFiles alice = site.tls("alice");
        MqttClient operator = new MqttClient(broker.url(), alice.identity().orElseThrow(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(alice.socketFactory());
        operator.connect(options);
        operator.publish(PREFIX + "cmd", TestCommand.of("core.NOOP").target("lunar-south", "bank-ctl-1").counter(1)
            .requestId(31).expires(Instant.now().plusSeconds(600)).signed(), 1, false);
        CommandAck completed = CommandAck.parseFrom(recorder.awaitMatch(PREFIX + "ack",
            m -> ack(m).getRequestId() == 31 && ack(m).getStatus() == CommandAck.Status.STATUS_COMPLETED,
            Duration.ofSeconds(10)).payload());
        assertThat(completed.getCommand()).isEqualTo("core.NOOP");
        operator.disconnect();
        operator.close();

        // the site broker restarts: telemetry is journaled meanwhile and replayed, marked historical;
        // the controller's network stays down until the recorder is back, so it sees the replay
        network.block();
        broker.stop();
        await("connection lost").atMost(Duration.ofSeconds(10)).until(() -> !link.isConnected());
        await("frames journaled").atMost(Duration.ofSeconds(15)).until(() -> link.health().journalPending() >= 20);
        long pendingAtRestart = link.health().journalPending();
        broker.restart();
        await("the recorder subscribed again").atMost(Duration.ofSeconds(15)).until(recorder::isSubscribed);
        network.unblock();
        await("replayed").atMost(Duration.ofSeconds(30)).until(() -> link.isConnected()
            && link.health().journalPending() == 0 && link.replayed() >= pendingAtRestart);

        Set<Long> historical = recorder.awaitMatch(PREFIX + "tlm/bank", m -> frame(m).getHeader().getHistorical(),
            Duration.ofSeconds(15)) == null ? Set.of() : recorder.on(PREFIX + "tlm/bank").stream()
            .map(TlsLinkTest::frame).filter(f -> f.getHeader().getHistorical())
            .map(f -> f.getHeader().getSequence()).collect(Collectors.toSet());
        assertThat(historical).as("journaled frames replayed over TLS").hasSizeGreaterThanOrEqualTo(10);
        assertThat(link.health().status().name()).isEqualTo("STATUS_OK");
      }
    }
  }

  private static TelemetryFrame frame(MqttRecorder.Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static CommandAck ack(MqttRecorder.Received message) {
    try {
      return CommandAck.parseFrom(message.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
