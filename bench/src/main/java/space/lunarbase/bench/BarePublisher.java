package space.lunarbase.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The baseline: a bare Paho MQTT 5 {@link MqttAsyncClient}, the client the firmware's link uses,
 * with the link's connect options (clean start, no session kept, keepalive 10 s, Maximum Packet Size
 * 65536, Receive Maximum 10) that publishes given bytes, keeping at most {@link #window()} QoS 1
 * messages unacknowledged: the link's rule, its own window within the broker's Receive Maximum less
 * the {@value #RESERVED_INFLIGHT} slots the link keeps for its birth and schema.
 */
final class BarePublisher implements AutoCloseable {

  /** Broker in-flight slots the link keeps beside its window (its {@code RESERVED_INFLIGHT}). */
  static final int RESERVED_INFLIGHT = 4;

  private final MqttAsyncClient client;
  private final Semaphore window;
  private final int windowSize;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final MqttActionListener acks = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      int[] reasons = token.getResponse() == null ? null : token.getResponse().getReasonCodes();
      if (reasons != null && reasons.length > 0 && reasons[0] >= 0x80) {
        refused.incrementAndGet();
      } else {
        acknowledged.incrementAndGet();
      }
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
    this.windowSize = window;
    this.window = new Semaphore(window);
  }

  /** Connects with {@code login}; the QoS 1 window is {@code maxInflight}, within what the broker takes. */
  static BarePublisher connect(BrokerLogin login, int maxInflight) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(login.url(), login.clientId(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(10);
    options.setMaximumPacketSize(65_536L);
    options.setReceiveMaximum(10);
    login.sockets().ifPresent(options::setSocketFactory);
    login.username().ifPresent(options::setUserName);
    login.passwordBytes().ifPresent(options::setPassword);
    IMqttToken connected = client.connect(options);
    connected.waitForCompletion(10_000);
    MqttProperties granted = connected.getResponseProperties();
    int brokerReceiveMaximum = granted == null || granted.getReceiveMaximum() == null ? Integer.MAX_VALUE
        : granted.getReceiveMaximum();
    return new BarePublisher(client, Math.max(1, Math.min(maxInflight, brokerReceiveMaximum - RESERVED_INFLIGHT)));
  }

  /** Publishes one message; at QoS 1 waits for room in the inflight window first. */
  void publish(String topic, byte[] payload, int qos) throws MqttException, InterruptedException {
    if (qos == 0) {
      client.publish(topic, payload, 0, false, null, null);
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

  /** The QoS 1 window in use. */
  int window() {
    return windowSize;
  }

  /** QoS 1 messages the broker has acknowledged (PUBACK reason below 0x80) so far. */
  long acknowledged() {
    return acknowledged.get();
  }

  /** QoS 1 messages the broker refused (PUBACK reason 0x80 or more: its ACL, say) or the client failed. */
  long refusedOrFailed() {
    return refused.get() + failed.get();
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
