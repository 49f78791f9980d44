package space.lunarbase.fsw.link;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerPort} over Paho's MQTT 3.1.1 client, for the embedded demo broker only (Moquette 0.17
 * speaks nothing newer; the link uses it only with {@code hal.mode=sim}). MQTT 3.1.1 cannot announce
 * a maximum packet size nor ask for no retained messages: the embedded broker's own packet limit
 * (set to the link's maximum packet size) refuses larger publishes, and the port clears retained
 * copies on its topics before it subscribes (the link also drops messages that arrive with the
 * retain flag). A connection loss carries no reason: takeovers are recognised by the link
 * from connections that keep dying just after they were made.
 */
final class PahoV3Port implements BrokerPort {

  private static final Logger LOG = LoggerFactory.getLogger(PahoV3Port.class);
  /** Room beyond the link's window for the birth, the schema and the subscription. */
  private static final int EXTRA_INFLIGHT = 8;
  /** How long clearing one topic's retained copy may take on the in-process broker. */
  private static final long CLEAR_TIMEOUT_MS = 5_000;

  private final MqttAsyncClient client;
  private final MqttConnectOptions options;
  private final PortEvents events;
  private final String clientId;

  /** With {@code threads} for Paho's own loops and pings ({@link ClientThreads}); empty: Paho's threads. */
  PahoV3Port(PortSettings settings, PortEvents events, Optional<ScheduledExecutorService> threads) {
    this.events = events;
    this.clientId = settings.clientId();
    try {
      this.client = threads.isPresent()
          ? new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence(),
              new ScheduledExecutorPingSender(threads.get()), threads.get())
          : new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create an MQTT client for " + settings.url() + ": " + e.getMessage(), e);
    }
    this.options = options(settings);
    client.setCallback(new Callbacks());
  }

  private static MqttConnectOptions options(PortSettings settings) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(settings.keepaliveSeconds());
    options.setConnectionTimeout(PortSettings.CONNECT_TIMEOUT_S);
    options.setMaxInflight(settings.maxInflight() + EXTRA_INFLIGHT);
    options.setWill(settings.willTopic(), settings.will(), 1, true);
    settings.socketFactory().ifPresent(options::setSocketFactory);
    settings.username().ifPresent(options::setUserName);
    settings.password().ifPresent(p -> options.setPassword(new String(p, java.nio.charset.StandardCharsets.UTF_8)
        .toCharArray()));
    return options;
  }

  @Override
  public String protocol() {
    return "MQTT 3.1.1";
  }

  @Override
  public String clientId() {
    return clientId;
  }

  @Override
  public void connect() throws PortException {
    try {
      client.connect(options, null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          events.connected();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          events.connectFailed(PahoCalls.describe(cause));
        }
      });
    } catch (MqttException e) {
      throw new PortException(PahoCalls.describe(e), e);
    }
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  /**
   * Clears any retained copy on {@code topics} (an empty retained publish), then subscribes: MQTT
   * 3.1.1 cannot ask for no retained messages, and Moquette 0.17 delivers them at a subscription
   * without the retain flag, so a retained command would otherwise come back at every reconnect.
   * The embedded demo broker has no ACL; a site broker (MQTT 5) needs none of this.
   */
  @Override
  public void subscribe(List<String> topics) throws PortException {
    try {
      // acknowledged before the subscription goes out: Paho sends a SUBSCRIBE ahead of queued publishes
      for (String topic : topics) {
        client.publish(topic, new byte[0], 1, true).waitForCompletion(CLEAR_TIMEOUT_MS);
      }
      client.subscribe(topics.toArray(String[]::new), topics.stream().mapToInt(t -> 1).toArray());
    } catch (MqttException e) {
      throw new PortException(PahoCalls.describe(e), e);
    }
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained, Object context) throws PortException {
    try {
      if (qos == 0) {
        client.publish(topic, payload, 0, retained);
      } else {
        client.publish(topic, payload, qos, retained, context, acks);
      }
    } catch (MqttException e) {
      throw new PortException(PahoCalls.describe(e), e);
    }
  }

  @Override
  public void publishAndWait(String topic, byte[] payload, int qos, boolean retained, Duration timeout)
      throws PortException {
    try {
      client.publish(topic, payload, qos, retained).waitForCompletion(PahoCalls.waitMillis(timeout));
    } catch (MqttException e) {
      throw new PortException(PahoCalls.describe(e), e);
    }
  }

  @Override
  public void disconnect(Duration timeout) throws PortException {
    try {
      client.disconnect(PahoCalls.quiesceMillis(timeout)).waitForCompletion(PahoCalls.waitMillis(timeout));
    } catch (MqttException e) {
      throw new PortException(PahoCalls.describe(e), e);
    }
  }

  @Override
  public int brokerReceiveMaximum() {
    return Integer.MAX_VALUE;
  }

  @Override
  public long brokerMaximumPacketSize() {
    return Long.MAX_VALUE;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 1_000, false);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing MQTT client: {}", e.getMessage());
    }
  }

  private final IMqttActionListener acks = new IMqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      events.delivered(token.getUserContext());
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
      events.notDelivered(token.getUserContext());
    }
  };

  /** Paho's callbacks, on its threads: straight to the link's {@link PortEvents}. */
  private final class Callbacks implements MqttCallback {
    @Override
    public void connectionLost(Throwable cause) {
      events.lost(new PortEvents.Loss(PahoCalls.describe(cause), false));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      events.message(topic, message.getPayload(), message.isRetained());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // outcomes arrive through the per-message listener
    }
  }
}
