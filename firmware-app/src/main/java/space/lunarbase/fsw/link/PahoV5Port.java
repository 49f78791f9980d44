package space.lunarbase.fsw.link;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerPort} over Paho's MQTT 5 client: clean start, no session kept, the controller's
 * Maximum Packet Size and Receive Maximum announced in CONNECT (the broker then never sends a
 * larger packet nor more unacknowledged QoS 1 messages), subscriptions with retain handling 2 (no
 * retained messages on subscribing), the last will with its properties, no automatic reconnect.
 *
 * <p>Paho 1.2.5 checks the Maximum Packet Size it announced against the packets it sends (and the
 * broker's against those it receives, after allocating them): the link never hands it a larger
 * message, and the broker is what keeps a larger one away.
 */
final class PahoV5Port implements BrokerPort {

  /** MQTT 5 DISCONNECT reason: another connection with this client id took the session over. */
  static final int SESSION_TAKEN_OVER = 0x8E;
  /** MQTT 5 subscription option: do not send retained messages at the time of the subscribe. */
  static final int DO_NOT_SEND_RETAINED = 2;

  private static final Logger LOG = LoggerFactory.getLogger(PahoV5Port.class);

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final PortEvents events;
  private final String clientId;
  private volatile int brokerReceiveMaximum = Integer.MAX_VALUE;
  private volatile long brokerMaximumPacketSize = Long.MAX_VALUE;

  /** With {@code threads} for Paho's own loops and pings ({@link ClientThreads}); empty: Paho's threads. */
  PahoV5Port(PortSettings settings, PortEvents events, Optional<ScheduledExecutorService> threads) {
    this.events = events;
    this.clientId = settings.clientId();
    try {
      // with no executor Paho makes its own threads and its Timer-based pings
      this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence(), null,
          threads.orElse(null));
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create an MQTT 5 client for " + settings.url() + ": " + e.getMessage(), e);
    }
    this.options = options(settings);
    client.setCallback(new Callbacks());
  }

  private static MqttConnectionOptions options(PortSettings settings) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(settings.keepaliveSeconds());
    options.setConnectionTimeout(PortSettings.CONNECT_TIMEOUT_S);
    options.setMaximumPacketSize((long) settings.maxPacketSize());
    options.setReceiveMaximum(settings.receiveMaximum());
    MqttMessage will = new MqttMessage(settings.will(), 1, true, null);
    options.setWill(settings.willTopic(), will);
    MqttProperties willProperties = new MqttProperties();
    willProperties.setContentType("application/x-protobuf; messageType=lunarbase.v1.ControllerState");
    willProperties.setPayloadFormat(false);
    willProperties.setWillDelayInterval(0L);
    options.setWillMessageProperties(willProperties);
    settings.socketFactory().ifPresent(options::setSocketFactory);
    settings.username().ifPresent(options::setUserName);
    settings.password().ifPresent(options::setPassword);
    return options;
  }

  @Override
  public String protocol() {
    return "MQTT 5";
  }

  @Override
  public String clientId() {
    return clientId;
  }

  @Override
  public void connect() throws PortException {
    try {
      client.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          MqttProperties granted = token.getResponseProperties();
          if (granted != null) {
            brokerReceiveMaximum = granted.getReceiveMaximum() == null ? Integer.MAX_VALUE : granted.getReceiveMaximum();
            brokerMaximumPacketSize = granted.getMaximumPacketSize() == null ? Long.MAX_VALUE
                : granted.getMaximumPacketSize();
          }
          events.connected();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          events.connectFailed(connectFailure(cause));
        }
      });
    } catch (MqttException e) {
      throw new PortException(PahoCalls.describe(e), e);
    }
  }

  /**
   * Why a connection attempt failed. A broker that speaks only MQTT 3.1.1 answers an MQTT 5 CONNECT
   * with 3.1.1's "unacceptable protocol version" (1), a code MQTT 5 does not have, which Paho
   * reports only as an invalid return code: said plainly here.
   */
  static String connectFailure(Throwable cause) {
    if (cause instanceof MqttException e && e.getReasonCode() == MqttException.REASON_CODE_INVALID_RETURN_CODE) {
      return "the broker does not speak MQTT 5 (its answer to the connection is MQTT 3.1.1's; a 3.1.1-only"
          + " broker, such as the embedded demo broker, needs an MQTT 3.1.1 client)";
    }
    return PahoCalls.describe(cause);
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void subscribe(List<String> topics) throws PortException {
    MqttSubscription[] subscriptions = topics.stream().map(topic -> {
      MqttSubscription subscription = new MqttSubscription(topic, 1);
      subscription.setRetainHandling(DO_NOT_SEND_RETAINED);
      return subscription;
    }).toArray(MqttSubscription[]::new);
    try {
      client.subscribe(subscriptions, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int[] codes = token.getReasonCodes();
          for (int i = 0; codes != null && i < codes.length && i < topics.size(); i++) {
            if (codes[i] >= 0x80) {
              events.subscriptionRefused(topics.get(i), codes[i]);
            }
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          LOG.warn("subscription to {} failed: {}", topics, PahoCalls.describe(cause));
        }
      }, new MqttProperties());
    } catch (MqttException e) {
      throw new PortException(PahoCalls.describe(e), e);
    }
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained, Object context) throws PortException {
    try {
      client.publish(topic, payload, qos, retained, context, qos == 0 ? null : acks);
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
    return brokerReceiveMaximum;
  }

  @Override
  public long brokerMaximumPacketSize() {
    return brokerMaximumPacketSize;
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

  private final MqttActionListener acks = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      int[] reasons = token.getResponse() == null ? null : token.getResponse().getReasonCodes();
      String[] topics = token.getTopics();
      if (reasons != null && reasons.length > 0 && reasons[0] >= 0x80 && topics != null && topics.length > 0) {
        events.publishRefused(topics[0], reasons[0]);
      }
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
    public void disconnected(MqttDisconnectResponse response) {
      if (response.getException() != null) {
        events.lost(new PortEvents.Loss(PahoCalls.describe(response.getException()), false));
        return;
      }
      int code = response.getReturnCode();
      String text = response.getReasonString();
      events.lost(new PortEvents.Loss("the broker disconnected: reason 0x%02X%s".formatted(code,
          code == SESSION_TAKEN_OVER ? " (session taken over)" : "")
          + (text == null || text.isBlank() ? "" : ", " + text), code == SESSION_TAKEN_OVER));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT client error: {}", PahoCalls.describe(exception));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      events.message(topic, message.getPayload(), message.isRetained());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // outcomes arrive through the per-message listener
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // the connect token's listener reports it
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // no enhanced authentication
    }
  }
}
