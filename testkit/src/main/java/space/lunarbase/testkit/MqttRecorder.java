package space.lunarbase.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import space.lunarbase.wire.TlsFiles;

/**
 * An MQTT subscriber for tests: records every message that arrives on a topic filter, in arrival
 * order, and lets a test wait for what it expects with a timeout.
 */
public final class MqttRecorder implements AutoCloseable {

  /** One message as it arrived. */
  public record Received(String topic, byte[] payload, int qos, boolean retained) {}

  private final MqttClient client;
  private final List<Received> received = new ArrayList<>();

  private MqttRecorder(MqttClient client) {
    this.client = client;
  }

  /** Connects to {@code brokerUrl} and subscribes to {@code filter} at QoS 1. */
  public static MqttRecorder subscribe(String brokerUrl, String filter) {
    return subscribe(brokerUrl, List.of(filter), false);
  }

  /** Connects to {@code brokerUrl} and subscribes to each of {@code filters} at QoS 1. */
  public static MqttRecorder subscribe(String brokerUrl, List<String> filters) {
    return subscribe(brokerUrl, filters, false);
  }

  /**
   * Connects to a secure broker ({@code ssl://}) with a site identity's TLS files, its CN as the
   * client id, and subscribes to each of {@code filters} at QoS 1. A filter the ACL does not let
   * it read is accepted, and nothing arrives on it.
   */
  public static MqttRecorder subscribe(String brokerUrl, TlsFiles tls, List<String> filters) {
    return subscribe(brokerUrl, Optional.of(tls), filters, false);
  }

  /**
   * Like {@link #subscribe(String, String)}, but reconnects by itself (every 50 ms) and subscribes
   * again when its broker restarts: for outage tests.
   */
  public static MqttRecorder subscribeReconnecting(String brokerUrl, String filter) {
    return subscribe(brokerUrl, List.of(filter), true);
  }

  /** Like {@link #subscribe(String, TlsFiles, List)}, reconnecting and subscribing again as {@link #subscribeReconnecting(String, String)}. */
  public static MqttRecorder subscribeReconnecting(String brokerUrl, TlsFiles tls, List<String> filters) {
    return subscribe(brokerUrl, Optional.of(tls), filters, true);
  }

  private static MqttRecorder subscribe(String brokerUrl, List<String> filters, boolean reconnecting) {
    return subscribe(brokerUrl, Optional.empty(), filters, reconnecting);
  }

  private static MqttRecorder subscribe(String brokerUrl, Optional<TlsFiles> tls, List<String> filters,
                                        boolean reconnecting) {
    try {
      String clientId = tls.flatMap(TlsFiles::identity).orElse("recorder-" + UUID.randomUUID());
      MqttClient client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
      MqttRecorder recorder = new MqttRecorder(client);
      MqttConnectOptions options = new MqttConnectOptions();
      tls.ifPresent(files -> options.setSocketFactory(files.socketFactory()));
      options.setCleanSession(true);
      options.setConnectionTimeout(5);
      options.setMaxInflight(1000);
      if (reconnecting) {
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(50);
        client.setCallback(new MqttCallbackExtended() {
          @Override
          public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
              // a new thread: Paho does not allow a blocking subscribe inside its callback
              Thread.ofVirtual().start(() -> recorder.subscribeTo(filters));
            }
          }

          @Override
          public void connectionLost(Throwable cause) {
            recorder.subscribed = false;
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            // delivered to the subscription's listener
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {
            // a recorder publishes nothing
          }
        });
      }
      client.connect(options);
      recorder.subscribeTo(filters);
      return recorder;
    } catch (MqttException e) {
      throw new IllegalStateException("cannot subscribe to " + filters + " at " + brokerUrl, e);
    }
  }

  private volatile boolean subscribed;

  private void subscribeTo(List<String> filters) {
    try {
      for (String filter : filters) {
        client.subscribe(filter, 1, (topic, message) -> add(
            new Received(topic, message.getPayload(), message.getQos(), message.isRetained())));
      }
      subscribed = true;
    } catch (MqttException e) {
      subscribed = false;
    }
  }

  /** Connected and subscribed (again, after a broker restart). */
  public boolean isSubscribed() {
    return client.isConnected() && subscribed;
  }

  private synchronized void add(Received message) {
    received.add(message);
  }

  /** A copy of everything received so far. */
  public synchronized List<Received> all() {
    return List.copyOf(received);
  }

  /** Everything received so far on exactly {@code topic}. */
  public synchronized List<Received> on(String topic) {
    return received.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** Waits until {@code count} messages on {@code topic} have arrived; returns them all. */
  public List<Received> awaitCount(String topic, int count, Duration timeout) {
    await("%d messages on %s".formatted(count, topic)).atMost(timeout).until(() -> on(topic).size() >= count);
    return on(topic);
  }

  /** Waits until a message on {@code topic} matches; returns the first that does. */
  public Received awaitMatch(String topic, Predicate<Received> predicate, Duration timeout) {
    return await("a matching message on " + topic).atMost(timeout)
        .until(() -> on(topic).stream().filter(predicate).findFirst(), java.util.Optional::isPresent)
        .orElseThrow();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(1000);
      }
      client.close();
    } catch (MqttException e) {
      // closing a test client: nothing to recover
    }
  }
}
