package space.lunarbase.station.ingest;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.proto.v1.RebirthRequest;
import space.lunarbase.wire.TlsFiles;

/**
 * The station's MQTT connection to the site broker (Paho, MQTT 3.1.1): a persistent session (clean
 * session off, a fixed client id) subscribed to the whole tree at QoS 1, with manual acks: a
 * message is acknowledged to the broker only once ingest has committed it to the archive
 * ({@link #ack}), so a message the station lost (crash, restart) is still queued for it on the
 * broker and comes again. Arrivals go straight into a bounded queue: the callback does no work,
 * and when ingest falls behind the queue fills and Paho's reader waits (the broker holds the rest).
 * Connects in the background and keeps reconnecting while the broker is away.
 */
public final class SiteLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SiteLink.class);

  private final String brokerUrl;
  private final String clientId;
  private final String root;
  private final Optional<TlsFiles> tls;
  private final BlockingQueue<Inbound> queue;
  private final MqttAsyncClient client;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong rebirthRequests = new AtomicLong();
  private final boolean observer;
  private final Thread connector;

  /**
   * @param clientId the session's id; with a client certificate the certificate's name is used
   */
  public SiteLink(String brokerUrl, String clientId, String root, Optional<TlsFiles> tls, BlockingQueue<Inbound> queue) {
    this.brokerUrl = brokerUrl;
    this.clientId = tls.flatMap(TlsFiles::identity).orElse(clientId);
    this.observer = tls.flatMap(TlsFiles::identity).isPresent();
    this.root = root;
    this.tls = tls;
    this.queue = queue;
    try {
      this.client = new MqttAsyncClient(brokerUrl, this.clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("cannot use broker " + brokerUrl + ": " + e.getMessage(), e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
    connector = Thread.ofPlatform().daemon().name("site-link-connect").start(this::connectLoop);
  }

  /** The client id the session uses. */
  public String clientId() {
    return clientId;
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** How many times a connection was made. */
  public long connects() {
    return connects.get();
  }

  private MqttConnectOptions options() {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(5_000);
    options.setKeepAliveInterval(10);
    options.setConnectionTimeout(10);
    options.setMaxInflight(1000);
    tls.ifPresent(files -> options.setSocketFactory(files.socketFactory()));
    return options;
  }

  private void connectLoop() {
    long delay = 200;
    while (!closed.get() && !client.isConnected()) {
      try {
        client.connect(options()).waitForCompletion(15_000);
        return;
      } catch (MqttException e) {
        if (closed.get()) {
          return;
        }
        LOG.warn("broker {} not reachable ({}); trying again in {} ms", brokerUrl, e.getMessage(), delay);
        try {
          Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
          return;
        }
        delay = Math.min(delay * 2, 5_000);
      }
    }
  }

  /** Acknowledges a message to the broker: ingest has committed it. */
  public void ack(Inbound in) {
    if (in.qos() == 0) {
      return;
    }
    try {
      client.messageArrivedComplete(in.messageId(), in.qos());
    } catch (MqttException | RuntimeException e) {
      // the connection dropped: the broker sends the message again on the next connection
      LOG.debug("ack of message {} not sent: {}", in.messageId(), e.toString());
    }
  }

  /**
   * Whether the station asks controllers for a rebirth: on a plain site yes; on a secure site its
   * certificate is the site's observer identity, read-only, so it publishes nothing and waits for
   * the catalogue every controller repeats (firmware {@code lunarbase.channels.catalogue-period}).
   */
  public boolean asksRebirths() {
    return !observer;
  }

  /** Rebirth requests published so far. */
  public long rebirthRequests() {
    return rebirthRequests.get();
  }

  /**
   * Asks {@code controller} ({@code site/controller}) for its birth, schema and catalogue again;
   * nothing when the station is a secure site's observer ({@link #asksRebirths()}).
   */
  public void rebirth(String controller, String reason) {
    if (observer || !client.isConnected()) {
      return;
    }
    try {
      client.publish(root + "/" + controller + "/rebirth",
          RebirthRequest.newBuilder().setReason(reason).build().toByteArray(), 1, false);
      rebirthRequests.incrementAndGet();
    } catch (MqttException e) {
      LOG.debug("rebirth request to {} not sent: {}", controller, e.toString());
    }
  }

  /** Drops the connection so that the broker delivers what was not acknowledged again. */
  public void redeliver() {
    try {
      client.disconnectForcibly(0, 1000, false);
    } catch (MqttException e) {
      LOG.debug("forced disconnect: {}", e.toString());
    }
    Thread.ofPlatform().daemon().name("site-link-reconnect").start(() -> {
      try {
        client.reconnect();
      } catch (MqttException e) {
        connectLoop();
      }
    });
  }

  @Override
  public void close() {
    closed.set(true);
    connector.interrupt();
    try {
      if (client.isConnected()) {
        client.disconnect(0).waitForCompletion(2_000);
      }
    } catch (MqttException e) {
      LOG.debug("disconnect: {}", e.toString());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("close: {}", e.toString());
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      connects.incrementAndGet();
      LOG.info("connected to {} as {}{}", serverUri, clientId, reconnect ? " (again)" : "");
      try {
        client.subscribe(root + "/#", 1);
      } catch (MqttException e) {
        LOG.error("cannot subscribe to {}/#: {}", root, e.getMessage());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      LOG.warn("connection to {} lost: {}; reconnecting", brokerUrl, cause == null ? "?" : cause.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      queue.put(new Inbound(topic, message.getPayload(), message.getId(), message.getQos(), message.isRetained(),
          Clock.micros()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }

  /** Wall-clock time in UTC microseconds. */
  static final class Clock {
    private Clock() {}

    static long micros() {
      java.time.Instant now = java.time.Instant.now();
      return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
  }
}
