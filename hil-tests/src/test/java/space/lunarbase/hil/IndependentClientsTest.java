package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.hil.rig.Forgery;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.RebirthRequest;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.TestSite;
import space.lunarbase.wire.TlsFiles;

/**
 * Clients that share no code with the firmware decode what it sends: a Node script (npm mqtt +
 * protobufjs) that learns the schema from the retained schema topic, and uses it only if its
 * SHA-256 is the one the controller's birth names; on a site broker over TLS as the observer.
 */
class IndependentClientsTest {

  private static final String ROOT = "lunarbase/v1/hil/sim-1";

  @TempDir
  static Path data;

  private static MosquittoBroker broker;
  private static FirmwareProcess firmware;

  @BeforeAll
  static void startFirmware() {
    assertThat(decoder().resolve("node_modules/mqtt")).as("run: npm ci --prefix ground/node-decoder (.ci/run does)")
        .isDirectory();
    broker = MosquittoBroker.start();
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), MainCommandTest.STATE)) {
      firmware = MainCommandTest.startOnline(data, broker, recorder);
    }
  }

  @AfterAll
  static void stop() {
    if (firmware != null) {
      firmware.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aNodeClientLearnsTheSchemaFromTheBrokerAndDecodesLiveFrames() throws Exception {
    Node node = Node.run("--count", "12", "--timeout", "30");

    assertThat(node.exit()).as(node.stderr()).isZero();
    assertThat(node.lines()).hasSize(12).noneMatch(l -> l.contains("\"error\""));
    assertThat(node.lines()).anyMatch(l -> l.contains("\"type\":\"lunarbase.v1.ControllerState\"")
        && l.contains("\"status\":\"STATUS_ONLINE\"") && l.contains("\"hal_mode\":\"sim\""));
    assertThat(node.lines()).filteredOn(l -> l.contains("/tlm/bank")).isNotEmpty().allSatisfy(l -> assertThat(l)
        .contains("\"type\":\"lunarbase.v1.TelemetryFrame\"").contains("\"controller_id\":\"sim-1\"")
        .contains("\"site_id\":\"hil\"").contains("\"bank_id\":\"bank-1\"").contains("\"quality\":\"QUALITY_GOOD\"")
        .containsPattern("\"sequence\":\"\\d+\""));
    assertThat(node.stderr()).isEmpty();
  }

  @Test
  void aForgedSchemaRetainedOverTheTrueOneIsOneLineAndNothingIsDecodedUntilTheControllerRepublishes()
      throws Exception {
    byte[] forged = Forgery.schemaSwappingPackVoltageAndCurrent();
    publishRetained(ROOT + "/schema", forged);

    Node fooled = Node.run("--count", "6", "--timeout", "30");

    assertThat(fooled.exit()).as(fooled.stderr()).isZero();
    assertThat(fooled.lines()).hasSize(6).allSatisfy(l -> assertThat(l)
        .contains("\"error\":\"not decoded: its schema is not the one its birth names\"").doesNotContain("\"message\""));
    assertThat(fooled.stderr()).isEqualTo("decode.js: " + ROOT + ": schema on " + ROOT + "/schema does not match the"
        + " birth's hash (sha256 " + Forgery.sha256(forged).substring(0, 12) + " vs " + Schema.hash().substring(0, 12) + "):"
        + " not decoding its messages\n");

    // a rebirth request makes the controller publish its true schema and birth again
    broker.publishOnce(ROOT + "/rebirth", RebirthRequest.newBuilder().setReason("forged schema").build().toByteArray());
    try (MqttRecorder schema = MqttRecorder.subscribe(broker.url(), ROOT + "/schema")) {
      schema.awaitMatch(ROOT + "/schema", m -> Forgery.sha256(m.payload()).equals(Schema.hash()), MainCommandTest.START);
    }
    Node trusting = Node.run("--count", "6", "--timeout", "30");

    assertThat(trusting.exit()).as(trusting.stderr()).isZero();
    assertThat(trusting.lines()).hasSize(6).noneMatch(l -> l.contains("\"error\""));
    assertThat(trusting.stderr()).isEmpty();
  }

  @Test
  void overTlsTheNodeClientDecodesAsTheSitesObserverAndRefusesABrokerOfAnotherCa() throws Exception {
    TestSite site = TestSite.provision();
    try (MosquittoBroker secure = MosquittoBroker.startSecure(site)) {
      String root = "lunarbase/v1/lunar-south/bank-ctl-1";
      TlsFiles controller = site.tls("bank-ctl-1");
      MqttClient client = new MqttClient(secure.url(), controller.identity().orElseThrow(), new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setSocketFactory(controller.socketFactory());
      client.connect(options);
      try {
        client.publish(root + "/schema", Schema.descriptorSet().toByteArray(), 1, true);
        client.publish(root + "/state", ControllerState.newBuilder().setStatus(ControllerState.Status.STATUS_ONLINE)
            .setBootCount(3).setSchemaHash(Schema.hash()).setHalMode("sim").build().toByteArray(), 1, true);
        client.disconnect();
      } finally {
        client.close();
      }
      SiteFolder.Bundle observer = site.bundle("ground-station");
      SiteFolder.Bundle stranger = TestSite.provision().bundle("ground-station");

      Node decoded = Node.at("mqtts://127.0.0.1:" + secure.port(), root, "--ca", observer.caFile().toString(),
          "--cert", observer.certificateFile().toString(), "--key", observer.keyFile().toString(), "--count", "1",
          "--timeout", "20");
      Node refused = Node.at("mqtts://127.0.0.1:" + secure.port(), root, "--ca", stranger.caFile().toString(),
          "--cert", stranger.certificateFile().toString(), "--key", stranger.keyFile().toString(), "--timeout", "20");

      assertThat(decoded.exit()).as(decoded.stderr()).isZero();
      assertThat(decoded.lines()).singleElement().asString().contains("\"type\":\"lunarbase.v1.ControllerState\"")
          .contains("\"status\":\"STATUS_ONLINE\"").contains("\"schema_hash\":\"" + Schema.hash() + "\"");
      assertThat(refused.exit()).isEqualTo(2);
      assertThat(refused.lines()).isEmpty();
      assertThat(refused.stderr()).startsWith("decode.js: the broker's certificate is not signed by the CA in "
          + stranger.caFile() + " (TLS: ");
    }
  }

  /** One run of the decoder; its exit code, stdout lines and stderr. */
  private record Node(int exit, List<String> lines, String stderr) {
    /** On the firmware's root at the plain broker. */
    static Node run(String... more) throws Exception {
      return at("mqtt://127.0.0.1:" + broker.port(), ROOT, more);
    }

    static Node at(String brokerUrl, String root, String... more) throws Exception {
      List<String> command = new ArrayList<>(List.of("node", "decode.js", "--broker", brokerUrl, "--root", root));
      command.addAll(List.of(more));
      Path out = Files.createTempFile(data, "node", ".jsonl");
      Process node = new ProcessBuilder(command).directory(decoder().toFile()).redirectOutput(out.toFile()).start();
      assertThat(node.waitFor(40, TimeUnit.SECONDS)).isTrue();
      String stderr = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Node(node.exitValue(), IndependentClientsTest.lines(out), stderr);
    }
  }

  private static Path decoder() {
    return FirmwareProcess.projectRoot().resolve("ground/node-decoder");
  }

  private static void publishRetained(String topic, byte[] payload) throws Exception {
    MqttClient client = new MqttClient(broker.url(), MqttClient.generateClientId(), new MemoryPersistence());
    try {
      client.connect();
      client.publish(topic, payload, 1, true);
      client.disconnect();
    } finally {
      client.close();
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
  }
}
