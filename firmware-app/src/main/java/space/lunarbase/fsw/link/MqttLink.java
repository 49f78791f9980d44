package space.lunarbase.fsw.link;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;

/**
 * The controller's MQTT link (Paho async client, MQTT 3.1.1). One thread of its own connects,
 * publishes the retained birth after every (re)connection, and drains the core's {@link Outbox};
 * Paho's callbacks only flip flags and wake that thread. The first connection is retried with
 * exponential back-off for as long as the broker is unreachable; after it, Paho's automatic
 * reconnect takes over. The broker publishes OFFLINE as the last will when the connection dies; a
 * clean shutdown publishes OFFLINE itself.
 */
@Context
public final class MqttLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(2);

  private final MqttAsyncClient client;
  private final MqttConnectOptions options;
  private final BrokerEndpoint endpoint;
  private final Topics topics;
  private final Outbox outbox;
  private final ControllerStates states;
  private final Duration reconnectMax;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean birthDue = new AtomicBoolean(false);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong connectionLosses = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong publishRetries = new AtomicLong();
  private final Thread worker;
  private volatile boolean everConnected;

  public MqttLink(BrokerService broker, Topics topics, Outbox outbox, ControllerStates states,
                  ControllerSettings controller, LinkSettings settings) {
    this.endpoint = broker.endpoint();
    this.topics = topics;
    this.outbox = outbox;
    this.states = states;
    this.reconnectMax = settings.reconnectMax();
    try {
      this.client = new MqttAsyncClient(endpoint.url(), controller.site() + "-" + controller.controller(),
          new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create an MQTT client for " + endpoint.url(), e);
    }
    this.options = connectOptions(settings, topics, states);
    client.setCallback(new Callbacks());
    this.worker = new Thread(this::run, "mqtt-link");
    worker.start();
  }

  private static MqttConnectOptions connectOptions(LinkSettings settings, Topics topics, ControllerStates states) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay((int) settings.reconnectMax().toMillis());
    options.setKeepAliveInterval((int) Math.max(1, settings.keepalive().toSeconds()));
    options.setConnectionTimeout(10);
    options.setMaxInflight(settings.maxInflight());
    options.setWill(topics.of(Topics.STATE), states.will().toByteArray(), 1, true);
    return options;
  }

  /** Whether the link is connected to its broker now. */
  public boolean isConnected() {
    return client.isConnected();
  }

  /** The broker this link talks to. */
  public BrokerEndpoint endpoint() {
    return endpoint;
  }

  /** Successful connections since start (the first included). */
  public long connections() {
    return connections.get();
  }

  public long connectionLosses() {
    return connectionLosses.get();
  }

  /** Messages handed to the client for sending. */
  public long published() {
    return published.get();
  }

  private void run() {
    Duration retry = FIRST_RETRY;
    while (running.get()) {
      try {
        if (!client.isConnected()) {
          if (!everConnected) {
            retry = tryFirstConnection(retry);
          } else {
            awaitChange(Duration.ofMillis(250));
          }
          continue;
        }
        if (birthDue.getAndSet(false)) {
          send(new Outbound(Topics.STATE, states.online().toByteArray(), 1, true));
        }
        Outbound next = outbox.poll(Duration.ofMillis(100));
        if (next != null) {
          send(next);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("MQTT link loop: {}", e.toString(), e);
      }
    }
  }

  private Duration tryFirstConnection(Duration retry) throws InterruptedException {
    try {
      client.connect(options).waitForCompletion(options.getConnectionTimeout() * 1000L + 1000);
      everConnected = true;
      return FIRST_RETRY;
    } catch (MqttException e) {
      LOG.warn("cannot reach MQTT broker {} ({}); retrying in {} ms", endpoint.url(), e.getMessage(),
          retry.toMillis());
      awaitChange(retry);
      Duration doubled = retry.multipliedBy(2);
      return doubled.compareTo(reconnectMax) > 0 ? reconnectMax : doubled;
    }
  }

  /** Publishes one message; if the client cannot take it now, it goes back to the outbox's head. */
  private void send(Outbound message) throws InterruptedException {
    try {
      client.publish(topics.of(message.stream()), message.payload(), message.qos(), message.retained());
      published.incrementAndGet();
    } catch (MqttException e) {
      publishRetries.incrementAndGet();
      if (Topics.STATE.equals(message.stream()) && message.retained()) {
        birthDue.set(true);
      } else {
        outbox.returnToHead(message);
      }
      if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
        LOG.debug("publish deferred: {}", e.getMessage());
      }
      awaitChange(Duration.ofMillis(50));
    }
  }

  private void awaitChange(Duration wait) throws InterruptedException {
    lock.lock();
    try {
      changed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } finally {
      lock.unlock();
    }
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Clean shutdown: stops the worker, publishes what is still waiting (for up to 2 s), replaces the
   * retained birth with OFFLINE ("shutdown"), and disconnects.
   */
  @PreDestroy
  @Override
  public void close() {
    if (!running.getAndSet(false)) {
      return;
    }
    signal();
    try {
      worker.join(5_000);
      if (client.isConnected()) {
        drain();
        client.publish(topics.of(Topics.STATE), states.offline("shutdown").toByteArray(), 1, true)
            .waitForCompletion(2_000);
        client.disconnect(1_000).waitForCompletion(2_000);
      }
    } catch (MqttException e) {
      LOG.warn("MQTT link did not close cleanly: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeClient();
    }
  }

  private void drain() throws InterruptedException {
    long deadline = System.nanoTime() + SHUTDOWN_DRAIN.toNanos();
    Outbound next;
    while (System.nanoTime() < deadline && (next = outbox.poll(Duration.ZERO)) != null) {
      try {
        client.publish(topics.of(next.stream()), next.payload(), next.qos(), next.retained());
        published.incrementAndGet();
      } catch (MqttException e) {
        outbox.returnToHead(next);
        awaitChange(Duration.ofMillis(20));
      }
    }
  }

  private void closeClient() {
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing MQTT client: {}", e.getMessage());
    }
  }

  /** Paho callbacks: flip flags and wake the link thread; nothing here blocks. */
  private final class Callbacks implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      connections.incrementAndGet();
      everConnected = true;
      birthDue.set(true);
      LOG.info("{} MQTT broker {}", reconnect ? "reconnected to" : "connected to", serverUri);
      signal();
    }

    @Override
    public void connectionLost(Throwable cause) {
      connectionLosses.incrementAndGet();
      LOG.warn("lost MQTT broker {}: {}", endpoint.url(), cause == null ? "unknown cause" : cause.getMessage());
      signal();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // the link subscribes to nothing yet; commands arrive with the flight core
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      signal();
    }
  }
}
