package space.lunarbase.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The ground side of every measurement: one Paho MQTT 5 subscriber on the telemetry topics that
 * counts arrivals, keeps the latest payload, and (when a histogram is set) records each frame's
 * age, {@code clock now - header.sample_time_ns}, in nanoseconds.
 */
final class BenchSubscriber implements AutoCloseable {

  private final MqttAsyncClient client;
  private final LongSupplier clockNanos;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private volatile byte[] latest;
  private volatile long lastArrivalNanos;
  private volatile Histogram latencies;

  private BenchSubscriber(MqttAsyncClient client, LongSupplier clockNanos) {
    this.client = client;
    this.clockNanos = clockNanos;
  }

  /**
   * Connects with {@code login} and subscribes to each of {@code topics} at {@code qos}, taking up to
   * {@code maxInflight} unacknowledged QoS 1 messages from the broker (MQTT 5 Receive Maximum).
   */
  static BenchSubscriber subscribe(BrokerLogin login, List<String> topics, int qos, int maxInflight,
                                   LongSupplier clockNanos) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(login.url(), login.clientId(), new MemoryPersistence());
    BenchSubscriber subscriber = new BenchSubscriber(client, clockNanos);
    client.setCallback(subscriber.new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    options.setReceiveMaximum(maxInflight);
    options.setKeepAliveInterval(30);
    login.sockets().ifPresent(options::setSocketFactory);
    login.username().ifPresent(options::setUserName);
    login.passwordBytes().ifPresent(options::setPassword);
    client.connect(options).waitForCompletion(10_000);
    IMqttToken subscribed = client.subscribe(topics.toArray(String[]::new), topics.stream().mapToInt(t -> qos).toArray());
    subscribed.waitForCompletion(10_000);
    int[] granted = subscribed.getReasonCodes();
    for (int i = 0; granted != null && i < granted.length; i++) {
      if (granted[i] >= 0x80) {
        subscriber.close();
        throw new IllegalStateException("the broker refused the subscription to " + topics.get(i) + ": reason 0x"
            + Integer.toHexString(granted[i]));
      }
    }
    return subscriber;
  }

  long received() {
    return received.get();
  }

  long undecodable() {
    return undecodable.get();
  }

  /** {@link System#nanoTime()} when the last message arrived. */
  long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  /** The last payload that arrived, or null. */
  byte[] latest() {
    return latest;
  }

  /** From now on, record each frame's age into {@code histogram} (null: stop recording). */
  void recordInto(Histogram histogram) {
    this.latencies = histogram;
  }

  /**
   * Waits (parking, 100 µs steps) until {@code count} messages have arrived in total, or until no
   * message arrived for {@code quietNanos}. Returns the arrival count reached.
   */
  long awaitTotal(long count, long quietNanos) {
    long seen = received.get();
    long lastChange = System.nanoTime();
    while (seen < count) {
      LockSupport.parkNanos(100_000);
      long now = received.get();
      if (now != seen) {
        seen = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > quietNanos) {
        break;
      }
    }
    return seen;
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

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      long now = clockNanos.getAsLong();
      byte[] payload = message.getPayload();
      Histogram histogram = latencies;
      if (histogram != null) {
        try {
          long age = now - TelemetryFrame.parseFrom(payload).getHeader().getSampleTimeNs();
          histogram.recordValue(Math.max(0, Math.min(age, histogram.getHighestTrackableValue())));
        } catch (InvalidProtocolBufferException e) {
          undecodable.incrementAndGet();
        }
      }
      latest = payload;
      lastArrivalNanos = System.nanoTime();
      received.incrementAndGet();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      // counted as missing messages by the waits
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      // the same
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // a subscriber publishes nothing
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // connected once, in subscribe
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // no enhanced authentication
    }
  }
}
