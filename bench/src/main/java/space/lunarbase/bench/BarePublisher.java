package space.lunarbase.bench;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The baseline: a bare Paho {@link MqttAsyncClient} with the link's connect options (MQTT 3.1.1,
 * clean session, Paho inflight = window + 8) that publishes given bytes, keeping at most
 * {@code window} QoS 1 messages unacknowledged, as the link does.
 */
final class BarePublisher implements AutoCloseable {

  private final MqttAsyncClient client;
  private final Semaphore window;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final IMqttActionListener acks = new IMqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      acknowledged.incrementAndGet();
      window.release();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
      failed.incrementAndGet();
      window.release();
    }
  };

  private BarePublisher(MqttAsyncClient client, int window) {
    this.client = client;
    this.window = new Semaphore(window);
  }

  static BarePublisher connect(String brokerUrl, int maxInflight) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "bench-bare-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setKeepAliveInterval(10);
    options.setMaxInflight(maxInflight + 8);
    client.connect(options).waitForCompletion(10_000);
    return new BarePublisher(client, maxInflight);
  }

  /** Publishes one message; at QoS 1 waits for room in the inflight window first. */
  void publish(String topic, byte[] payload, int qos) throws MqttException, InterruptedException {
    if (qos == 0) {
      client.publish(topic, payload, 0, false);
      return;
    }
    window.acquire();
    try {
      client.publish(topic, payload, 1, false, null, acks);
    } catch (MqttException e) {
      window.release();
      throw e;
    }
  }

  /** QoS 1 messages the broker has acknowledged so far. */
  long acknowledged() {
    return acknowledged.get();
  }

  long failed() {
    return failed.get();
  }

  /** Parks (100 µs steps) until {@code count} acknowledgements in total, or the deadline. */
  boolean awaitAcknowledged(long count, long deadlineNanos) {
    while (acknowledged.get() < count) {
      if (System.nanoTime() > deadlineNanos) {
        return false;
      }
      LockSupport.parkNanos(100_000);
    }
    return true;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(1_000).waitForCompletion(2_000);
      }
      client.close(true);
    } catch (MqttException e) {
      // a benchmark client: nothing to recover
    }
  }
}
