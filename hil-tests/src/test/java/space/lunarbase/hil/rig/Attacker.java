package space.lunarbase.hil.rig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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
import space.lunarbase.hil.rig.Observation.RigAction;
import space.lunarbase.wire.TlsFiles;

/**
 * An attacker on the rig's broker: an MQTT 5 client with no credentials at all (a plain broker) or
 * with a site identity's certificate (on a secure rig, {@value Rig#INTRUDER_IDENTITY}, an observer),
 * asking for any client id, subscribing to anything and publishing anything. MQTT 5 makes the
 * broker say what it refused: a PUBACK or SUBACK reason code (0x87: not authorized by the ACL).
 * Everything it tries, with what became of it, goes into the rig's timeline and {@link #attempts()},
 * for the report.
 */
public final class Attacker implements AutoCloseable {

  /** MQTT 5 reason code: not authorized (the broker's ACL). */
  public static final int NOT_AUTHORIZED = 0x87;
  /** The largest message the attacker takes: it subscribes to {@code cmd}, where oversize ones go by. */
  private static final int MAX_PACKET = 1 << 20;
  private static final Duration ANSWER = Duration.ofSeconds(20);

  /** A message the attacker received. */
  public record Received(String topic, byte[] payload, boolean retained) {}

  /** One attempt and what became of it. */
  public record Attempt(String what, String outcome) {}

  private final MqttAsyncClient client;
  private final Timeline timeline;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final String description;

  private Attacker(MqttAsyncClient client, Timeline timeline, String description) {
    this.client = client;
    this.timeline = timeline;
    this.description = description;
  }

  /**
   * Connects to the rig's broker asking for {@code clientId}: with no credentials on a plain rig, with
   * the certificate of {@value Rig#INTRUDER_IDENTITY} on a secure one (the site broker then makes its
   * CN the client id, whatever was asked).
   */
  public static Attacker connect(Rig rig, String clientId) {
    Optional<TlsFiles> tls = rig.site().map(site -> site.tls(Rig.INTRUDER_IDENTITY));
    return connect(rig.brokerUrl(), tls, clientId, rig.timeline());
  }

  /** Connects to {@code url} as {@code clientId}, with {@code tls} for an {@code ssl://} broker. */
  public static Attacker connect(String url, Optional<TlsFiles> tls, String clientId, Timeline timeline) {
    String description = "attacker " + clientId + tls.flatMap(TlsFiles::identity).map(cn -> " (certificate " + cn + ")")
        .orElse(" (no credentials)");
    try {
      MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
      Attacker attacker = new Attacker(client, timeline, description);
      client.setCallback(attacker.callback());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setConnectionTimeout(10);
      options.setKeepAliveInterval(30);
      options.setMaximumPacketSize((long) MAX_PACKET);
      options.setAutomaticReconnect(false);
      tls.ifPresent(files -> {
        options.setSocketFactory(files.socketFactory());
        options.setHttpsHostnameVerificationEnabled(true);
      });
      client.connect(options).waitForCompletion(ANSWER.toMillis());
      timeline.add(new RigAction(description + " connected to " + url));
      return attacker;
    } catch (MqttException e) {
      throw new IllegalStateException(description + " cannot connect to " + url + ": " + e, e);
    }
  }

  /** Subscribes to {@code filter} (QoS 1); returns the SUBACK's reason code (0..2 granted, 0x80 and up refused). */
  public int subscribe(String filter) {
    try {
      IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
      token.waitForCompletion(ANSWER.toMillis());
      int[] codes = token.getReasonCodes();
      return codes == null || codes.length == 0 ? -1 : codes[0];
    } catch (MqttException e) {
      throw new IllegalStateException(description + " could not subscribe to " + filter + ": " + e, e);
    }
  }

  /**
   * Publishes {@code payload} on {@code topic} (QoS 1) and waits for the broker's answer; returns the
   * PUBACK's reason code (0 accepted, 0x10 accepted with no subscriber, {@link #NOT_AUTHORIZED}).
   */
  public int publish(String topic, byte[] payload, boolean retained) {
    try {
      IMqttToken token = client.publish(topic, message(payload, retained));
      token.waitForCompletion(ANSWER.toMillis());
      int[] codes = token.getResponse() == null ? null : token.getResponse().getReasonCodes();
      return codes == null || codes.length == 0 ? 0 : codes[0];
    } catch (MqttException e) {
      throw new IllegalStateException(description + " could not publish on " + topic + ": " + e, e);
    }
  }

  /**
   * Publishes {@code payload} on {@code topic} (QoS 1) without waiting: a flood. The broker's answer
   * is counted in {@code answers} (index 0: accepted, 1: refused, 2: failed), when it comes.
   */
  public void publishAsync(String topic, byte[] payload, AtomicInteger[] answers) {
    try {
      client.publish(topic, message(payload, false), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int[] codes = token.getResponse() == null ? null : token.getResponse().getReasonCodes();
          answers[codes != null && codes.length > 0 && codes[0] >= 0x80 ? 1 : 0].incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          answers[2].incrementAndGet();
        }
      });
    } catch (MqttException e) {
      answers[2].incrementAndGet();
    }
  }

  private static MqttMessage message(byte[] payload, boolean retained) {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    message.setRetained(retained);
    return message;
  }

  /** Every message received so far. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Waits for a received message (since the attacker connected) that matches. */
  public Received await(String what, Predicate<Received> predicate, Duration timeout) {
    try {
      return Awaitility.await(description + " receives " + what).atMost(timeout).pollInterval(Duration.ofMillis(20))
          .until(() -> received.stream().filter(predicate).findFirst(), Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(description + " did not receive " + what + " within " + timeout + "; it received "
          + received.stream().map(r -> r.topic() + " (" + r.payload().length + " bytes)" + (r.retained() ? " retained" : ""))
          .toList());
    }
  }

  /** Records an attempt and its outcome in the timeline and {@link #attempts()}. */
  public void record(String what, String outcome) {
    attempts.add(new Attempt(what, outcome));
    timeline.add(new RigAction(description + ": " + what + " -> " + outcome));
  }

  /** Every attempt recorded, in order. */
  public List<Attempt> attempts() {
    return new ArrayList<>(attempts);
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** What a PUBACK or SUBACK reason code says, for the report. */
  public static String reason(int code) {
    return switch (code) {
      case 0 -> "accepted (0x00)";
      case 1, 2 -> "granted QoS " + code;
      case 0x10 -> "accepted, no subscriber (0x10)";
      case 0x80 -> "refused: unspecified error (0x80)";
      case NOT_AUTHORIZED -> "refused by the broker: not authorized (0x87)";
      case 0x8F -> "refused: topic filter invalid (0x8F)";
      case 0x90 -> "refused: topic name invalid (0x90)";
      case 0x95 -> "refused: packet too large (0x95)";
      default -> "reason code 0x%02X".formatted(code);
    };
  }

  private MqttCallback callback() {
    return new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        timeline.add(new RigAction(description + " disconnected: " + response));
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
        timeline.add(new RigAction(description + ": MQTT error " + exception));
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, message.getPayload(), message.isRetained()));
      }

      @Override
      public void deliveryComplete(IMqttToken token) {
        // the answers are read from the tokens
      }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        // connect() waits for it
      }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
      }
    };
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2000).waitForCompletion(5000);
      }
      client.close(true);
    } catch (MqttException e) {
      // the attacker leaves either way
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
