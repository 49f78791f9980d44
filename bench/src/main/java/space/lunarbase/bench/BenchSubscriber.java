package space.lunarbase.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The ground side of every measurement: one Paho subscriber on the telemetry topic that counts
 * arrivals, keeps the latest payload, and (when a histogram is set) records each frame's age,
 * {@code clock now - header.sample_time_ns}, in nanoseconds.
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

  /** Connects to {@code brokerUrl} and subscribes to {@code topic} at {@code qos}. */
  static BenchSubscriber subscribe(String brokerUrl, String topic, int qos, int maxInflight, LongSupplier clockNanos)
      throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "bench-sub-" + UUID.randomUUID(), new MemoryPersistence());
    BenchSubscriber subscriber = new BenchSubscriber(client, clockNanos);
    client.setCallback(subscriber.new Callback());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setMaxInflight(maxInflight + 8);
    options.setKeepAliveInterval(30);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(topic, qos).waitForCompletion(10_000);
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
    public void connectionLost(Throwable cause) {
      // counted as missing messages by the waits
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // a subscriber publishes nothing
    }
  }
}
