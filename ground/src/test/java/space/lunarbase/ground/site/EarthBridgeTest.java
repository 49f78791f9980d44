package space.lunarbase.ground.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.testkit.DelayRelay;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;
import space.lunarbase.testkit.TestSite;
import space.lunarbase.wire.TlsFiles;

/**
 * A site bridged to Earth as deployed: the site broker (deploy/mosquitto/site.conf plus the bridge
 * section provisioning wrote) and the Earth broker (deploy/mosquitto/earth.conf with the Earth ACL),
 * two real Mosquittos with a {@link DelayRelay} of 1.28 s each way between the bridge and Earth.
 * Controllers speak to the site broker, operators and observers to the Earth broker, each with the
 * certificate of its site bundle.
 */
class EarthBridgeTest {

  static final String MANIFEST = TestSite.MANIFEST + """
      earth: { broker: { hosts: [localhost], ips: [127.0.0.1] }, bridge: moon-bridge }
      """;

  /** Long enough for a round trip through the relay, a bridge reconnection and Mosquitto's back-off. */
  private static final Duration WAIT = Duration.ofSeconds(40);

  private static TestSite site;
  private static MosquittoBroker earth;
  private static DelayRelay relay;
  private static MosquittoBroker moon;

  @BeforeAll
  static void start() {
    site = TestSite.provision(MANIFEST);
    earth = MosquittoBroker.startEarth(site);
    relay = DelayRelay.to(earth.port(), DelayRelay.MOON_EARTH);
    moon = MosquittoBroker.startBridged(site, relay.port());
    await("the bridge connected to Earth").atMost(WAIT).until(() -> earth.log().contains("as moon-bridge"));
    // its subscriptions on Earth take another 1.28 s: until they are there, a command written on Earth
    // has no subscriber and is dropped. Probe with rebirth requests to a controller no test watches.
    String probe = site.prefix("rail-ctl-1") + "rebirth";
    try (MqttRecorder onTheMoon = MqttRecorder.subscribe(moon.url(), site.tls("rail-ctl-1"), List.of(probe))) {
      await("the bridge subscribed on Earth").atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
        earth.publishOnce("alice", probe, new byte[0]);
        return !onTheMoon.on(probe).isEmpty();
      });
    }
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {moon, relay, earth}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // the others still stop
      }
    }
  }

  @Test
  void an_outage_of_the_link_loses_nothing_and_keeps_the_order() throws Exception {
    String topic = site.prefix("bank-ctl-1") + "tlm/outage";
    try (MqttRecorder onEarth = MqttRecorder.subscribe(earth.url(), site.tls("ground-station"), List.of(topic))) {
      MqttClient controller = connect(moon.url(), site.tls("bank-ctl-1"));
      int total = 600;
      publish(controller, topic, 0, 200);
      long lost = bridgeLosses();
      relay.block(); // while 0..199 are in the 1.28 s pipe, unacknowledged
      await("the site broker saw its bridge drop").atMost(WAIT).until(() -> bridgeLosses() > lost);
      publish(controller, topic, 200, 400); // queued on the site while the link is down
      relay.unblock();
      publish(controller, topic, 400, total);
      await("every sequence number on Earth").atMost(WAIT).until(() -> distinct(onEarth.on(topic)).size() == total);
      end(controller);

      List<Long> arrived = onEarth.on(topic).stream().map(EarthBridgeTest::sequenceOf).toList();
      System.out.printf("outage of the link: %d messages, %d repeats of messages in flight at the cut%n", total,
          arrived.size() - total);
      List<Long> firstArrivals = new ArrayList<>(distinct(onEarth.on(topic)));
      assertThat(firstArrivals).as("first arrivals in publish order, none missing")
          .isEqualTo(java.util.stream.LongStream.range(0, total).boxed().toList());
      // QoS 1 is at least once: what was in flight at the cut may come twice, never more, never out of order
      // after a first arrival's run; consumers drop repeats by sequence number.
      assertThat(arrived.size() - total).as("repeats").isLessThanOrEqualTo(200);
      assertThat(arrived.stream().filter(s -> s >= 400).toList())
          .as("after the outage, in order").isSorted();
    }
  }

  @Test
  void a_command_from_an_earth_operator_reaches_the_controller_and_its_ack_comes_back() throws Exception {
    String bank = site.prefix("bank-ctl-1");
    try (MqttRecorder controllerInbox = MqttRecorder.subscribe(moon.url(), site.tls("bank-ctl-1"),
             List.of(bank + "cmd", bank + "rebirth"));
         MqttRecorder aliceInbox = MqttRecorder.subscribe(earth.url(), site.tls("alice"), List.of(bank + "ack"))) {
      // from another operator: a CN is its client id, so a second connection of alice's would close the first
      earth.publishOnce("range-safety-1", bank + "rebirth", new byte[0]);
      controllerInbox.awaitCount(bank + "rebirth", 1, WAIT);

      SignedCommand command = command(41);
      long sent = System.nanoTime();
      earth.publishOnce("range-safety-1", bank + "cmd", command.toByteArray());
      Received arrived = controllerInbox.awaitMatch(bank + "cmd", r -> r.payload().length > 0, WAIT);
      assertThat(SignedCommand.parseFrom(arrived.payload())).isEqualTo(command);

      CommandAck ack = CommandAck.newBuilder().setRequestId(41).setCommand("bank.hold")
          .setStatus(CommandAck.Status.STATUS_ACCEPTED).build();
      // the controller answers (a client of its own: the broker closes the inbox's connection, same CN)
      moon.publishOnce("bank-ctl-1", bank + "ack", ack.toByteArray());
      Received back = aliceInbox.awaitMatch(bank + "ack", r -> true, WAIT);
      Duration roundTrip = Duration.ofNanos(System.nanoTime() - sent);
      assertThat(CommandAck.parseFrom(back.payload())).isEqualTo(ack);
      assertThat(roundTrip).as("through the delay both ways").isGreaterThanOrEqualTo(Duration.ofMillis(2560));
    }
  }

  @Test
  void a_command_written_on_earth_by_anyone_but_an_operator_never_reaches_the_site() throws Exception {
    String bank = site.prefix("bank-ctl-1");
    try (MqttRecorder controllerInbox = MqttRecorder.subscribe(moon.url(), site.tls("bank-ctl-1"),
        List.of(bank + "cmd"))) {
      // an observer, and a controller's own certificate: neither may write a command on Earth
      earth.publishOnce("ground-station", bank + "cmd", command(1).toByteArray());
      earth.publishOnce("bank-ctl-1", bank + "cmd", command(2).toByteArray());
      // each publish above was acknowledged, so handled, before this one was sent; the bridge keeps order
      earth.publishOnce("range-safety-1", bank + "cmd", command(4).toByteArray());
      controllerInbox.awaitCount(bank + "cmd", 1, WAIT);
      assertThat(controllerInbox.on(bank + "cmd")).extracting(r -> SignedCommand.parseFrom(r.payload()))
          .containsExactly(command(4));
    }
  }

  @Test
  void a_controllers_retained_birth_is_on_earth_for_a_late_reader() throws Exception {
    String state = site.prefix("trk-ctl-1") + "state";
    byte[] birth = "online".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    MqttClient controller = connect(moon.url(), site.tls("trk-ctl-1"));
    controller.publish(state, birth, 1, true);
    end(controller);
    await("the birth retained on Earth").atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      try (MqttRecorder late = MqttRecorder.subscribe(earth.url(), site.tls("alice"), List.of(state))) {
        Received retained = late.awaitMatch(state, Received::retained, Duration.ofSeconds(2));
        assertThat(retained.payload()).isEqualTo(birth);
      }
    });
  }

  private static void publish(MqttClient client, String topic, int from, int to) throws MqttException {
    for (int seq = from; seq < to; seq++) {
      client.publish(topic, sequenced(seq), 1, false);
    }
  }

  /** How many times the site broker has logged its bridge's connection lost. */
  private static long bridgeLosses() {
    return moon.log().lines().filter(l -> l.contains("local.moon-bridge")).count();
  }

  private static SignedCommand command(long requestId) {
    CommandBody body = CommandBody.newBuilder().setSiteId(TestSite.SITE).setControllerId("bank-ctl-1")
        .setCommand("bank.hold").setRequestId(requestId).setCounter(requestId).build();
    return SignedCommand.newBuilder().setBody(body.toByteString()).setKeyId("alice-1").build();
  }

  private static byte[] sequenced(long seq) {
    return ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
  }

  private static long sequenceOf(Received received) {
    return ByteBuffer.wrap(received.payload()).getLong();
  }

  private static Set<Long> distinct(List<Received> received) {
    Set<Long> seen = new LinkedHashSet<>();
    received.forEach(r -> seen.add(sequenceOf(r)));
    return seen;
  }

  private static MqttClient connect(String url, TlsFiles tls) throws MqttException {
    MqttClient client = new MqttClient(url, tls.identity().orElseThrow(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(tls.socketFactory());
    options.setMaxInflight(1000);
    client.connect(options);
    return client;
  }

  private static void end(MqttClient client) throws MqttException {
    client.disconnect();
    client.close();
  }
}
