package space.lunarbase.ground.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.Schema;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;
import space.lunarbase.testkit.TcpProxy;
import space.lunarbase.testkit.TestSite;
import space.lunarbase.wire.TlsFiles;

/**
 * The site broker as deployed: a real Mosquitto running deploy/mosquitto/site.conf with a site
 * provisioned at test time (TestSite: controllers bank-ctl-1, rail-ctl-1, trk-ctl-1; operators
 * alice, range-safety-1; observer ground-station; bridge earth-bridge).
 *
 * <p>Mosquitto drops a publish the ACL denies without telling an MQTT 3.1.1 client (it still
 * acknowledges QoS 1). So a denial is shown by what a reader does not get before a later message
 * it does get: the denied publish was acknowledged, so handled, before that later one was sent.
 */
class SiteBrokerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TestSite site;
  private static MosquittoBroker broker;

  @BeforeAll
  static void start() {
    site = TestSite.provision();
    broker = MosquittoBroker.startSecure(site);
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  // --- who gets in --------------------------------------------------------------------------------

  @Test
  void a_client_without_a_certificate_is_refused() {
    assertThatThrownBy(() -> end(connect(broker.url(), site.trustOnly(), "anonymous")))
        .isInstanceOf(MqttException.class);
    assertThat(broker.log()).contains("peer did not return a certificate");
  }

  @Test
  void plain_tcp_is_refused() {
    assertThatThrownBy(() -> end(connect("tcp://127.0.0.1:" + broker.port(), null, "plain")))
        .isInstanceOf(MqttException.class);
  }

  @Test
  void a_certificate_from_another_ca_is_refused() {
    SiteFolder.Bundle stranger = TestSite.provision().bundle("alice");
    TlsFiles forged = TlsFiles.withClientCertificate(site.folder().caCertificate(), stranger.certificateFile(),
        stranger.keyFile());
    assertThatThrownBy(() -> end(connect(broker.url(), forged, "alice"))).isInstanceOf(MqttException.class);
  }

  @Test
  void a_revoked_certificate_is_refused_after_a_reload_and_after_a_restart() throws Exception {
    TestSite own = TestSite.provision();
    try (MosquittoBroker secure = MosquittoBroker.startSecure(own)) {
      String cmd = own.prefix("bank-ctl-1") + "cmd";
      MqttClient alice = connect(secure.url(), own.tls("alice"), "alice");
      try (MqttRecorder bank = MqttRecorder.subscribe(secure.url(), own.tls("bank-ctl-1"), List.of(cmd))) {
        own.revoke("alice");
        secure.reload();
        assertThatThrownBy(() -> end(connect(secure.url(), own.tls("alice"), "alice")))
            .isInstanceOf(MqttException.class);
        assertThat(secure.log()).contains("certificate verify failed");

        // still connected from before: the reloaded ACL leaves it nothing
        alice.publish(cmd, bytes("from a revoked operator"), 1, false);
        secure.publishOnce("range-safety-1", cmd, bytes("fence"));
        bank.awaitMatch(cmd, m -> text(m).equals("fence"), WAIT);
        assertThat(bank.on(cmd)).extracting(SiteBrokerTest::text).containsExactly("fence");
      } finally {
        end(alice);
      }
      secure.stop();
      secure.restart();
      assertThatThrownBy(() -> end(connect(secure.url(), own.tls("alice"), "alice")))
          .isInstanceOf(MqttException.class);
      end(connect(secure.url(), own.tls("range-safety-1"), "range-safety-1"));
    }
  }

  // --- what each role may write -------------------------------------------------------------------

  @Test
  void a_controller_writes_only_its_own_topics_below_its_own_prefix() throws Exception {
    String own = site.prefix("bank-ctl-1");
    String other = site.prefix("rail-ctl-1");
    List<String> allowed = List.of(own + "state", own + "schema", own + "dictionary", own + "tlm/bank", own + "tlm/link",
        own + "evt", own + "ack");
    List<String> denied = List.of(own + "cmd", own + "rebirth", own + "other", "lunarbase/v1/lunar-south/bank-ctl-1",
        other + "state", other + "schema", other + "tlm/rail", other + "evt", other + "ack", other + "cmd",
        "lunarbase/v1/lunar-north/bank-ctl-1/evt");
    assertThat(seenAfterPublishing("ground-station", "bank-ctl-1", concat(denied, allowed)))
        .containsExactlyElementsOf(allowed);
  }

  @Test
  void a_controller_reads_and_writes_its_own_link_probe_and_no_other() throws Exception {
    String own = "lunarbase/probe/lunar-south.bank-ctl-1";
    String other = "lunarbase/probe/lunar-south.rail-ctl-1";
    String run = UUID.randomUUID().toString();
    java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
    // one connection both subscribes and publishes: a second one with the same certificate would replace it
    MqttClient controller = connect(broker.url(), site.tls("bank-ctl-1"), "bank");
    try {
      controller.subscribe("lunarbase/probe/#", 1, (topic, message) -> seen.add(new String(message.getPayload(),
          StandardCharsets.UTF_8)));
      broker.publishOnce("rail-ctl-1", other, bytes(run + " other"));
      broker.publishOnce("alice", own, bytes(run + " alice"));
      controller.publish(own, bytes(run + " own"), 1, false);
      assertThat(seen.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
          .as("the first probe message the controller reads is its own").isEqualTo(run + " own");
      assertThat(seen).as("nothing else arrived before it").isEmpty();
    } finally {
      end(controller);
    }
  }

  @Test
  void an_operator_writes_only_cmd_and_rebirth() throws Exception {
    String bank = site.prefix("bank-ctl-1");
    List<String> allowed = List.of(bank + "cmd", bank + "rebirth", site.prefix("rail-ctl-1") + "cmd");
    List<String> denied = List.of(bank + "state", bank + "schema", bank + "dictionary", bank + "tlm/bank", bank + "evt",
        bank + "ack");
    assertThat(seenAfterPublishing("ground-station", "alice", concat(denied, allowed)))
        .containsExactlyElementsOf(allowed);
  }

  @Test
  void an_observer_writes_nothing() throws Exception {
    String bank = site.prefix("bank-ctl-1");
    assertThat(seenAfterPublishing("alice", "ground-station", List.of(bank + "cmd", bank + "rebirth", bank + "state",
        bank + "evt", bank + "tlm/bank"))).isEmpty();
  }

  @Test
  void the_bridge_writes_only_cmd_and_rebirth() throws Exception {
    String bank = site.prefix("bank-ctl-1");
    assertThat(seenAfterPublishing("ground-station", "earth-bridge", List.of(bank + "state", bank + "rebirth",
        bank + "evt", bank + "cmd"))).containsExactly(bank + "rebirth", bank + "cmd");
  }

  @Test
  void an_operator_cannot_replace_a_controllers_retained_birth() throws Exception {
    String state = site.prefix("trk-ctl-1") + "state";
    String birth = "birth " + UUID.randomUUID();
    MqttClient controller = connect(broker.url(), site.tls("trk-ctl-1"), "trk");
    controller.publish(state, bytes(birth), 1, true);
    controller.disconnect();
    controller.close();
    MqttClient alice = connect(broker.url(), site.tls("alice"), "alice");
    alice.publish(state, bytes("forged birth"), 1, true);
    alice.disconnect();
    alice.close();
    try (MqttRecorder late = MqttRecorder.subscribe(broker.url(), site.tls("ground-station"), List.of(state))) {
      Received retained = late.awaitMatch(state, Received::retained, WAIT);
      assertThat(text(retained)).isEqualTo(birth);
    }
  }

  // --- what each role may read --------------------------------------------------------------------

  @Test
  void a_controller_receives_its_own_cmd_and_rebirth_and_nothing_else() throws Exception {
    String bank = site.prefix("bank-ctl-1");
    String rail = site.prefix("rail-ctl-1");
    String run = UUID.randomUUID().toString();
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), site.tls("bank-ctl-1"),
        List.of("lunarbase/v1/#"))) {
      broker.publishOnce("rail-ctl-1", rail + "evt", bytes(run + " rail evt"));
      broker.publishOnce("rail-ctl-1", rail + "state", bytes(run + " rail state"));
      MqttClient alice = connect(broker.url(), site.tls("alice"), "alice");
      try {
        alice.publish(rail + "cmd", bytes(run + " rail cmd"), 1, false);
        alice.publish(rail + "rebirth", bytes(run + " rail rebirth"), 1, false);
        alice.publish(bank + "rebirth", bytes(run + " bank rebirth"), 1, false);
        alice.publish(bank + "cmd", bytes(run + " bank cmd"), 1, false);
      } finally {
        alice.disconnect();
        alice.close();
      }
      controller.awaitMatch(bank + "cmd", m -> text(m).equals(run + " bank cmd"), WAIT);
      assertThat(controller.all()).extracting(SiteBrokerTest::text).filteredOn(p -> p.startsWith(run))
          .containsExactly(run + " bank rebirth", run + " bank cmd");
      assertThat(controller.all()).extracting(Received::topic).allMatch(t -> t.equals(bank + "cmd")
          || t.equals(bank + "rebirth"));
    }
  }

  // --- the connection itself ----------------------------------------------------------------------

  @Test
  void the_broker_publishes_a_controllers_will_on_its_own_state_and_no_forged_one() throws Exception {
    String run = UUID.randomUUID().toString();
    try (MqttRecorder watcher = MqttRecorder.subscribe(broker.url(), site.tls("ground-station"),
        List.of("lunarbase/v1/+/+/state"));
         TcpProxy network = TcpProxy.to(broker.port())) {
      String url = "ssl://127.0.0.1:" + network.port();
      MqttClient bank = connectWithWill(url, "bank-ctl-1", site.prefix("bank-ctl-1") + "state", run + " bank offline");
      MqttClient rail = connectWithWill(url, "rail-ctl-1", site.prefix("bank-ctl-1") + "state", run + " forged offline");
      network.cut();
      watcher.awaitMatch(site.prefix("bank-ctl-1") + "state", m -> text(m).equals(run + " bank offline"), WAIT);
      end(bank);
      end(rail);
      // the forged will was dropped when the broker saw both connections die, before this
      broker.publishOnce("trk-ctl-1", site.prefix("trk-ctl-1") + "state", bytes(run + " fence"));
      watcher.awaitMatch(site.prefix("trk-ctl-1") + "state", m -> text(m).equals(run + " fence"), WAIT);
      assertThat(watcher.all()).extracting(SiteBrokerTest::text).filteredOn(p -> p.startsWith(run))
          .containsExactlyInAnyOrder(run + " bank offline", run + " fence");
    }
  }

  @Test
  void another_identity_using_a_controllers_client_id_does_not_take_over_its_session() throws Exception {
    String cmd = site.prefix("bank-ctl-1") + "cmd";
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), site.tls("bank-ctl-1"), List.of(cmd))) {
      List<String> impostorGot = Collections.synchronizedList(new ArrayList<>());
      int logMark = broker.log().length();
      MqttClient impostor = connect(broker.url(), site.tls("rail-ctl-1"), "lunar-south.bank-ctl-1");
      impostor.subscribe(cmd, 1, (topic, message) -> impostorGot.add(new String(message.getPayload(),
          StandardCharsets.UTF_8)));
      MqttClient operator = connect(broker.url(), site.tls("range-safety-1"), "lunar-south.bank-ctl-1");
      try {
        String command = "after the impostors " + UUID.randomUUID();
        broker.publishOnce("alice", cmd, bytes(command));
        controller.awaitMatch(cmd, m -> text(m).equals(command), WAIT);
        assertThat(controller.isSubscribed()).isTrue();
        assertThat(impostor.isConnected()).isTrue();
        assertThat(operator.isConnected()).isTrue();
        assertThat(impostorGot).isEmpty();
        assertThat(broker.log().substring(logMark)).contains("as lunar-south.rail-ctl-1 (", "as range-safety-1 (")
            .doesNotContain("as lunar-south.bank-ctl-1 (");
      } finally {
        end(impostor);
        end(operator);
      }
    }
  }

  @Test
  void the_largest_legitimate_messages_pass_and_a_packet_over_max_packet_size_is_refused() throws Exception {
    int maxPacket = maxPacketSize();
    byte[] schema = Schema.descriptorSet().toByteArray();
    byte[] command = new byte[16 * 1024];
    Arrays.fill(command, (byte) 7);
    int largest = Math.max(schema.length, command.length) + 256;
    assertThat(largest).as("the largest legitimate packet (topic and header included), and half again to spare,"
        + " fits max_packet_size %d", maxPacket).isLessThanOrEqualTo(maxPacket * 2 / 3);
    assertThat(maxPacket).as("max_packet_size stays near the largest legitimate packet").isLessThanOrEqualTo(4 * largest);

    String bank = site.prefix("bank-ctl-1");
    try (MqttRecorder observer = MqttRecorder.subscribe(broker.url(), site.tls("ground-station"),
        List.of(bank + "schema", bank + "cmd"))) {
      MqttClient controller = connect(broker.url(), site.tls("bank-ctl-1"), "bank");
      controller.publish(bank + "schema", schema, 1, true);
      controller.disconnect();
      controller.close();
      broker.publishOnce("alice", bank + "cmd", command);
      assertThat(observer.awaitMatch(bank + "schema", m -> m.payload().length == schema.length, WAIT).payload())
          .isEqualTo(schema);
      assertThat(observer.awaitMatch(bank + "cmd", m -> m.payload().length == command.length, WAIT).payload())
          .isEqualTo(command);

      MqttClient operator = connect(broker.url(), site.tls("range-safety-1"), "range-safety-1");
      try {
        assertThatThrownBy(() -> operator.publish(bank + "cmd", new byte[maxPacket], 1, false))
            .isInstanceOf(MqttException.class);
      } finally {
        end(operator);
      }
      broker.publishOnce("alice", bank + "cmd", bytes("fence"));
      observer.awaitMatch(bank + "cmd", m -> text(m).equals("fence"), WAIT);
      assertThat(observer.on(bank + "cmd")).extracting(m -> m.payload().length)
          .containsExactly(command.length, "fence".length());
    }
  }

  // --- helpers ------------------------------------------------------------------------------------

  /**
   * Publishes (QoS 1) on each of {@code topics} as {@code publisher}, then a fence from trk-ctl-1,
   * and returns the topics whose message {@code watcher} got before the fence, in order.
   */
  private static List<String> seenAfterPublishing(String watcher, String publisher, List<String> topics)
      throws MqttException {
    String run = UUID.randomUUID().toString();
    String fenceTopic = site.prefix("trk-ctl-1") + "evt";
    try (MqttRecorder watch = MqttRecorder.subscribe(broker.url(), site.tls(watcher), List.of("lunarbase/v1/#"))) {
      MqttClient client = connect(broker.url(), site.tls(publisher), publisher);
      try {
        for (String topic : topics) {
          client.publish(topic, bytes(run + " " + topic), 1, false);
        }
      } finally {
        client.disconnect();
        client.close();
      }
      broker.publishOnce("trk-ctl-1", fenceTopic, bytes(run + " fence"));
      watch.awaitMatch(fenceTopic, m -> text(m).equals(run + " fence"), WAIT);
      return watch.all().stream().map(SiteBrokerTest::text).filter(p -> p.startsWith(run + " "))
          .map(p -> p.substring(run.length() + 1)).filter(p -> !p.equals("fence")).toList();
    }
  }

  /** A connected MQTT 3.1.1 client with {@code tls} (none: plain TCP); the broker names it by its certificate. */
  private static MqttClient connect(String url, TlsFiles tls, String clientId) throws MqttException {
    MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
    try {
      client.connect(options(tls));
      return client;
    } catch (MqttException e) {
      client.close();
      throw e;
    }
  }

  /** Drops {@code client}'s connection (if any) and frees it. */
  private static void end(MqttClient client) throws MqttException {
    if (client.isConnected()) {
      client.disconnectForcibly(0, 1000);
    }
    client.close();
  }

  private static MqttClient connectWithWill(String url, String name, String willTopic, String will) throws MqttException {
    MqttClient client = new MqttClient(url, site.identity(name).commonName(), new MemoryPersistence());
    MqttConnectOptions options = options(site.tls(name));
    options.setWill(willTopic, bytes(will), 1, true);
    client.connect(options);
    return client;
  }

  private static MqttConnectOptions options(TlsFiles tls) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setConnectionTimeout(5);
    if (tls != null) {
      options.setSocketFactory(tls.socketFactory());
    }
    return options;
  }

  /** max_packet_size as deploy/mosquitto/site.conf sets it. */
  private static int maxPacketSize() throws Exception {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path conf = dir.resolve("deploy/mosquitto/site.conf");
      if (Files.isRegularFile(conf)) {
        Matcher m = Pattern.compile("(?m)^max_packet_size (\\d+)$").matcher(Files.readString(conf));
        assertThat(m.find()).as("max_packet_size in " + conf).isTrue();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("deploy/mosquitto/site.conf not found");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Received message) {
    return new String(message.payload(), StandardCharsets.UTF_8);
  }
}
