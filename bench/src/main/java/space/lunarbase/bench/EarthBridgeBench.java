package space.lunarbase.bench;

import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import space.lunarbase.testkit.DelayRelay;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.TestSite;
import space.lunarbase.wire.TlsFiles;

/**
 * The Earth bridge on demand: a site broker bridged (its provisioned bridge section) to an Earth
 * broker through a {@link DelayRelay}, a controller identity publishing sequenced QoS 1 messages at
 * a live rate, an observer on Earth receiving them. Measures (1) the latency the bridge adds beyond
 * the injected delay, and (2) after an outage of the link while publishing goes on, how fast the
 * queued backlog drains against the live rate.
 *
 * <p>{@code java -cp bench/target/bench.jar space.lunarbase.bench.EarthBridgeBench [rate=200]
 * [liveSeconds=30] [outageSeconds=120] [delayMs=1280]}
 */
public final class EarthBridgeBench {

  private static final String MANIFEST = TestSite.MANIFEST
      + "earth: { broker: { hosts: [localhost], ips: [127.0.0.1] }, bridge: moon-bridge }\n";

  private final Histogram added = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong repeats = new AtomicLong();
  private final AtomicLong highest = new AtomicLong(-1);
  private final AtomicLong outOfOrder = new AtomicLong();
  private volatile boolean measuring;
  private final long delayNanos;

  private EarthBridgeBench(long delayNanos) {
    this.delayNanos = delayNanos;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2) {
        System.err.println("EarthBridgeBench: '" + arg + "' is not key=value (rate, liveSeconds, outageSeconds, delayMs)");
        System.exit(2);
      }
      given.put(kv[0], kv[1]);
    }
    int rate = Integer.parseInt(given.getOrDefault("rate", "200"));
    int liveSeconds = Integer.parseInt(given.getOrDefault("liveSeconds", "30"));
    int outageSeconds = Integer.parseInt(given.getOrDefault("outageSeconds", "120"));
    Duration delay = Duration.ofMillis(Long.parseLong(given.getOrDefault("delayMs", "1280")));
    new EarthBridgeBench(delay.toNanos()).run(rate, liveSeconds, outageSeconds, delay);
    System.exit(0);
  }

  private void run(int rate, int liveSeconds, int outageSeconds, Duration delay) throws Exception {
    TestSite site = TestSite.provision(MANIFEST);
    try (MosquittoBroker earth = MosquittoBroker.startEarth(site);
         DelayRelay relay = DelayRelay.to(earth.port(), delay);
         MosquittoBroker moon = MosquittoBroker.startBridged(site, relay.port())) {
      await().atMost(Duration.ofMinutes(1)).until(() -> earth.log().contains("as moon-bridge"));
      String topic = site.prefix("bank-ctl-1") + "tlm/bench";
      MqttClient observer = receiver(earth.url(), site.tls("ground-station"), topic);
      MqttAsyncClient controller = publisher(moon.url(), site.tls("bank-ctl-1"));
      AtomicLong sent = new AtomicLong();
      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
      ScheduledFuture<?> ticks = clock.scheduleAtFixedRate(() -> publish(controller, topic, sent),
          0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);

      // 1. live: the added latency, after a few seconds for the pipe to fill
      await().atMost(Duration.ofMinutes(1)).until(() -> received.get() > rate * 3L);
      added.reset();
      measuring = true;
      long liveStart = received.get();
      long liveStartNanos = System.nanoTime();
      await().pollDelay(Duration.ofSeconds(liveSeconds)).atMost(Duration.ofSeconds(liveSeconds + 1)).until(() -> true);
      measuring = false;
      double liveRate = (received.get() - liveStart) * 1e9 / (System.nanoTime() - liveStartNanos);
      Histogram live = added.copy();

      // 2. outage while publishing goes on, then the drain
      relay.block();
      long cutAt = System.nanoTime();
      await().pollDelay(Duration.ofSeconds(outageSeconds)).atMost(Duration.ofSeconds(outageSeconds + 1))
          .until(() -> true);
      long backlog = sent.get() - received.get();
      relay.unblock();
      long reopened = System.nanoTime();
      long receivedAtReopen = received.get();
      await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> received.get() >= sent.get() - rate * delay.toMillis() / 1000 - 1);
      long caughtUp = System.nanoTime();
      ticks.cancel(false);
      clock.shutdown();
      await().atMost(Duration.ofMinutes(2)).until(() -> controller.getPendingDeliveryTokens().length == 0);
      await().atMost(Duration.ofMinutes(2)).until(() -> distinct() >= sent.get());
      double drainSeconds = (caughtUp - reopened) / 1e9;
      double drainRate = (received.get() - receivedAtReopen) / drainSeconds;

      System.out.printf("Earth bridge: rate %d msg/s QoS 1, delay %d ms each way, live %d s, outage %d s%n", rate,
          delay.toMillis(), liveSeconds, outageSeconds);
      System.out.printf("  added latency beyond the delay (live): p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d messages)%n",
          live.getValueAtPercentile(50) / 1e3, live.getValueAtPercentile(99) / 1e3, live.getMaxValue() / 1e3,
          live.getTotalCount());
      System.out.printf("  live delivery rate on Earth: %.0f msg/s%n", liveRate);
      System.out.printf("  outage: %.0f s, backlog %d messages; caught up %.1f s after the link came back%n",
          (reopened - cutAt) / 1e9, backlog, drainSeconds);
      System.out.printf("  drain rate: %.0f msg/s delivered on Earth = %.2fx the live rate%n", drainRate,
          drainRate / rate);
      System.out.printf("  sent %d, distinct received %d, repeats %d, out of order %d%n", sent.get(), distinct(),
          repeats.get(), outOfOrder.get());
      controller.disconnect().waitForCompletion(5_000);
      controller.close();
      observer.disconnect();
      observer.close();
    }
  }

  private long distinct() {
    return received.get() - repeats.get();
  }

  private static void publish(MqttAsyncClient client, String topic, AtomicLong sent) {
    long seq = sent.get();
    byte[] payload = ByteBuffer.allocate(2 * Long.BYTES + 48).putLong(seq).putLong(System.nanoTime()).array();
    try {
      client.publish(topic, payload, 1, false);
      sent.incrementAndGet();
    } catch (MqttException e) {
      // the window is full: this tick is skipped, the rate drops (reported by the counts)
    }
  }

  private MqttClient receiver(String url, TlsFiles tls, String topic) throws MqttException {
    MqttClient client = new MqttClient(url, tls.identity().orElseThrow(), new MemoryPersistence());
    MqttConnectOptions options = options(tls);
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        System.err.println("EarthBridgeBench: the observer lost its connection: " + cause);
      }

      @Override
      public void messageArrived(String t, MqttMessage message) {
        long now = System.nanoTime();
        ByteBuffer payload = ByteBuffer.wrap(message.getPayload());
        long seq = payload.getLong();
        long sentAt = payload.getLong();
        received.incrementAndGet();
        long before = highest.getAndAccumulate(seq, Math::max);
        if (seq <= before) {
          repeats.incrementAndGet(); // the bridge delivers in order: an earlier number is a QoS 1 repeat
        } else if (seq != before + 1) {
          outOfOrder.incrementAndGet();
        }
        if (measuring) {
          added.recordValue(Math.max(0, (now - sentAt - delayNanos) / 1_000));
        }
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    client.connect(options);
    client.subscribe(topic, 1);
    return client;
  }

  private static MqttAsyncClient publisher(String url, TlsFiles tls) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, tls.identity().orElseThrow(), new MemoryPersistence());
    client.connect(options(tls)).waitForCompletion(10_000);
    return client;
  }

  private static MqttConnectOptions options(TlsFiles tls) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(tls.socketFactory());
    options.setMaxInflight(1000);
    options.setCleanSession(true);
    return options;
  }
}
