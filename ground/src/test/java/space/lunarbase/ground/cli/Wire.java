package space.lunarbase.ground.cli;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.wire.TlsFiles;

/** Real protobuf bytes of one controller, and a Paho publisher, for tests against a real broker. */
final class Wire implements AutoCloseable {

  final String site;
  final String controller;
  final MqttClient client;

  Wire(String brokerUrl, String site, String controller) throws MqttException {
    this(brokerUrl, Optional.empty(), site, controller);
  }

  /** Over TLS as the identity of {@code tls} (a secure site's controller, whose CN is its client id). */
  Wire(String brokerUrl, Optional<TlsFiles> tls, String site, String controller) throws MqttException {
    this.site = site;
    this.controller = controller;
    client = new MqttClient(brokerUrl, tls.flatMap(TlsFiles::identity)
        .orElse("test-" + UUID.randomUUID().toString().substring(0, 8)),
        new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000); // floods of forged acks: Paho frees a slot only once the broker has a message
    tls.ifPresent(files -> options.setSocketFactory(files.socketFactory()));
    client.connect(options);
  }

  /** {@code lunarbase/v1/site/controller/} */
  String prefix() {
    return "lunarbase/v1/" + site + "/" + controller + "/";
  }

  /**
   * What arrives on {@code suffix} from now on, through this client's own connection (on a site
   * broker an identity has one connection: a second one would take its session over).
   */
  BlockingQueue<byte[]> subscribe(String suffix) throws MqttException {
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    client.subscribe(prefix() + suffix, 1, (topic, message) -> received.add(message.getPayload()));
    return received;
  }

  void publish(String suffix, byte[] payload, boolean retained) throws MqttException {
    client.publish(prefix() + suffix, payload, 1, retained);
  }

  /** The schema topic, retained, as the firmware publishes it. */
  void publishSchema() throws MqttException {
    publish("schema", Schema.descriptorSet().toByteArray(), true);
  }

  /** Schema and birth (boot {@code boot}, started {@code started}), retained, in the firmware's order. */
  void announce(long boot, Instant started) throws MqttException {
    publishSchema();
    publish("state", online(boot, started).toByteArray(), true);
  }

  Header header(long boot, long sequence, Instant sampled) {
    return Header.newBuilder().setSiteId(site).setControllerId(controller).setBootCount(boot)
        .setSequence(sequence).setSampleTimeNs(nanos(sampled)).setSchemaVersion(Schema.VERSION).build();
  }

  Header historical(long boot, long sequence, Instant sampled) {
    return header(boot, sequence, sampled).toBuilder().setHistorical(true).build();
  }

  ControllerState online(long boot, Instant started) {
    return online(boot, started, Schema.hash());
  }

  /** A birth naming {@code schemaHash}. */
  ControllerState online(long boot, Instant started, String schemaHash) {
    return ControllerState.newBuilder().setHeader(header(boot, 1, started))
        .setStatus(ControllerState.Status.STATUS_ONLINE).setBootCount(boot).setFirmwareVersion("0.1.0")
        .setSchemaHash(schemaHash).setStartTimeNs(nanos(started)).setHalMode("sim").build();
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
