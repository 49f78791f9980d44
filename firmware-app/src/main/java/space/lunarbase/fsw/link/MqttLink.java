package space.lunarbase.fsw.link;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
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
import space.lunarbase.fsw.core.inbound.InboundHandler;
import space.lunarbase.fsw.core.telemetry.BirthListener;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.link.journal.Journal;
import space.lunarbase.fsw.link.journal.JournalEntry;
import space.lunarbase.proto.v1.LinkTelemetry;

/**
 * The controller's MQTT link (Paho async client, MQTT 3.1.1).
 *
 * <p>One thread of its own owns the client's publishing and the journal: it connects (retrying
 * with back-off until the broker first answers; Paho's automatic reconnect after that), publishes
 * the retained schema and birth after every (re)connection and on a rebirth request (then tells
 * the core's {@link BirthListener}s), drains the core's {@link Outbox} (live messages first), and replays the store-and-forward {@link Journal}
 * behind them, marked historical. Paho's callbacks only queue completions, flip flags and wake that
 * thread: nothing in them blocks or publishes.
 *
 * <p>Nothing acknowledged is lost: a QoS 1 message leaves the link's hands only when the broker has
 * acknowledged it. While the broker is unreachable, journaled messages (QoS 1, not retained) go to
 * the journal, and so do the ones that were in flight when the connection died. Delivery is
 * at least once; a receiver drops duplicates by header (boot, sequence).
 */
@Context
public final class MqttLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(2);
  private static final int LIVE_BATCH = 64;
  /** How long the idle link waits for work; acknowledgements are settled at least this often. */
  private static final Duration IDLE_WAIT = Duration.ofMillis(10);
  private static final int REPLAY_BATCH = 64;
  /** The rebirth topic below the controller's root. */
  public static final String REBIRTH = "rebirth";
  /** The schema topic below the controller's root. */
  public static final String SCHEMA = "schema";

  private final MqttAsyncClient client;
  private final MqttConnectOptions options;
  private final BrokerEndpoint endpoint;
  private final Topics topics;
  private final Outbox outbox;
  private final ControllerStates states;
  private final Optional<Journal> journal;
  private final Duration reconnectMax;
  private final int maxInflight;
  private final RebirthRequests rebirths;
  private final List<BirthListener> births;
  private final Map<String, InboundHandler> inbound;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean birthDue = new AtomicBoolean(false);
  private final AtomicBoolean connectionLost = new AtomicBoolean(false);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ConcurrentLinkedQueue<Pending> completed = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Pending> failed = new ConcurrentLinkedQueue<>();
  /** Owned by the link thread: QoS 1 messages sent and not yet acknowledged, in send order. */
  private final Map<Pending, Boolean> inflight = new LinkedHashMap<>();
  private final ReplayAcks replayAcks = new ReplayAcks();
  private long replayNext = -1;

  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong connectionLosses = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong replayed = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private volatile int inflightCount;
  private volatile boolean everConnected;
  private final Thread worker;

  /**
   * One message handed to Paho: live ({@code journalIndex} -1) or replayed from the journal.
   * Compared by identity: the same bytes offered twice are two
   * messages, each with its own acknowledgement.
   */
  private static final class Pending {
    private final Outbound message;
    private final long journalIndex;

    Pending(Outbound message, long journalIndex) {
      this.message = message;
      this.journalIndex = journalIndex;
    }

    Outbound message() {
      return message;
    }

    long journalIndex() {
      return journalIndex;
    }
  }

  public MqttLink(BrokerService broker, Topics topics, Outbox outbox, ControllerStates states,
                  ControllerSettings controller, LinkSettings settings, Optional<Journal> journal,
                  RebirthRequests rebirths, List<InboundHandler> handlers, List<BirthListener> births) {
    this.endpoint = broker.endpoint();
    this.topics = topics;
    this.outbox = outbox;
    this.states = states;
    this.journal = journal;
    this.reconnectMax = settings.reconnectMax();
    this.maxInflight = settings.maxInflight();
    this.rebirths = rebirths;
    this.births = List.copyOf(births);
    this.inbound = handlers.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
        h -> topics.of(h.stream()), h -> h));
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
    // room for the link's own window plus the birth, schema and subscription
    options.setMaxInflight(settings.maxInflight() + 8);
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

  /** Messages the broker has acknowledged (QoS 1) or been handed (QoS 0). */
  public long published() {
    return published.get();
  }

  /** Journaled messages delivered after the broker came back. */
  public long replayed() {
    return replayed.get();
  }

  /** A snapshot of state and counters. */
  public LinkHealth health() {
    boolean connected = client.isConnected();
    long journalWriteFailures = journal.map(Journal::writeFailures).orElse(0L);
    LinkTelemetry.Status status = connected ? LinkTelemetry.Status.STATUS_OK
        : journalWriteFailures > 0 ? LinkTelemetry.Status.STATUS_FAILED : LinkTelemetry.Status.STATUS_UNAVAIL;
    return new LinkHealth(status, endpoint.url(), outbox.depth(), outbox.capacity(), outbox.dropped() + lost.get(),
        journal.map(Journal::sizeBytes).orElse(0L), journal.map(Journal::pendingEntries).orElse(0L),
        journal.map(Journal::droppedEntries).orElse(0L), journal.map(Journal::corruptRecords).orElse(0L),
        journalWriteFailures, replayed.get(), published.get(), connectionLosses.get(),
        inbound.values().stream().mapToLong(InboundHandler::garbage).sum(),
        inflightCount);
  }

  private void run() {
    Duration retry = FIRST_RETRY;
    while (running.get()) {
      try {
        settleCompletions();
        journal.ifPresent(Journal::flushIfDue);
        boolean connected = client.isConnected();
        if (connectionLost.getAndSet(false) || (!connected && !inflight.isEmpty())) {
          // before anything newer is journaled, so the journal keeps send order
          requeueInflight();
        }
        if (!connected) {
          if (!everConnected) {
            retry = tryFirstConnection(retry);
          }
          storeWhileAway(Duration.ofMillis(100));
          continue;
        }
        if (birthDue.getAndSet(false) || rebirths.take()) {
          announce();
        }
        int sent = sendLive();
        sent += replay();
        if (sent == 0) {
          if (inflight.size() >= maxInflight) {
            // the window is full: wait for acknowledgements rather than push Paho past it
            awaitChange(IDLE_WAIT);
          } else {
            Outbound next = outbox.poll(IDLE_WAIT);
            if (next != null) {
              send(new Pending(next, -1));
            }
          }
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
      storeWhileAway(retry);
      Duration doubled = retry.multipliedBy(2);
      return doubled.compareTo(reconnectMax) > 0 ? reconnectMax : doubled;
    }
  }

  /** Broker away: journal what the core hands over, for up to {@code wait}. */
  private void storeWhileAway(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    do {
      if (journal.isEmpty()) {
        awaitChange(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return;
      }
      Outbound next = outbox.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (next == null) {
        return;
      }
      if (isJournaled(next)) {
        store(next);
      } else {
        // retained or QoS 0: not journaled; it waits in the outbox (bounded, oldest dropped)
        outbox.returnToHead(next);
        awaitChange(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return;
      }
    } while (running.get() && !client.isConnected() && System.nanoTime() < deadline);
  }

  private static boolean isJournaled(Outbound message) {
    return message.qos() == 1 && !message.retained();
  }

  private void store(Outbound message) {
    if (!journal.orElseThrow().append(message)) {
      lost.incrementAndGet();
    }
  }

  /** Schema and birth (retained), and the subscriptions: after each connection and on request. */
  private void announce() throws InterruptedException {
    try {
      for (String topic : inbound.keySet()) {
        client.subscribe(topic, 1);
      }
      client.publish(topics.of(SCHEMA), space.lunarbase.proto.Schema.descriptorSet().toByteArray(), 1, true);
      client.publish(topics.of(Topics.STATE), states.online().toByteArray(), 1, true);
      for (BirthListener listener : births) {
        try {
          listener.born();
        } catch (RuntimeException e) {
          LOG.error("birth listener failed: {}", e.toString(), e);
        }
      }
    } catch (MqttException e) {
      birthDue.set(true);
      awaitChange(Duration.ofMillis(50));
    }
  }

  private int sendLive() throws InterruptedException {
    int sent = 0;
    Outbound next;
    while (sent < LIVE_BATCH && inflight.size() < maxInflight && (next = outbox.poll(Duration.ZERO)) != null) {
      if (!send(new Pending(next, -1))) {
        break;
      }
      sent++;
    }
    return sent;
  }

  /** Replays journaled messages behind the live ones, while the inflight window has room. */
  private int replay() throws InterruptedException {
    if (journal.isEmpty() || inflight.size() >= maxInflight / 2) {
      return 0;
    }
    Journal j = journal.get();
    List<JournalEntry> entries = replayNext < 0 ? j.peek(REPLAY_BATCH) : j.peekAfter(replayNext - 1, REPLAY_BATCH);
    int sent = 0;
    for (JournalEntry entry : entries) {
      if (inflight.size() >= maxInflight) {
        break;
      }
      Outbound original = entry.message();
      Outbound marked = new Outbound(original.stream(), HistoricalMark.mark(original.payload()), original.qos(),
          original.retained());
      replayAcks.sent(entry.index());
      if (!send(new Pending(marked, entry.index()))) {
        break;
      }
      replayNext = entry.index() + 1;
      sent++;
    }
    return sent;
  }

  /** Hands one message to Paho; false (and the message kept) if the client cannot take it now. */
  private boolean send(Pending pending) throws InterruptedException {
    Outbound message = pending.message();
    try {
      if (message.qos() == 0) {
        client.publish(topics.of(message.stream()), message.payload(), 0, message.retained());
        published.incrementAndGet();
        return true;
      }
      inflight.put(pending, Boolean.TRUE);
      inflightCount = inflight.size();
      client.publish(topics.of(message.stream()), message.payload(), 1, message.retained(), pending, acks);
      return true;
    } catch (MqttException e) {
      inflight.remove(pending);
      inflightCount = inflight.size();
      if (pending.journalIndex() < 0) {
        outbox.returnToHead(message);
      } else {
        replayAcks.unsent(pending.journalIndex());
      }
      awaitChange(Duration.ofMillis(20));
      return false;
    }
  }

  /** Applies the broker's acknowledgements and Paho's failures, on the link thread. */
  private void settleCompletions() {
    Pending done;
    while ((done = completed.poll()) != null) {
      if (inflight.remove(done) == null) {
        continue; // already requeued after a connection loss
      }
      published.incrementAndGet();
      if (done.journalIndex() >= 0) {
        replayed.incrementAndGet();
        long upTo = replayAcks.delivered(done.journalIndex());
        if (upTo >= 0) {
          journal.orElseThrow().acknowledge(upTo);
        }
      }
    }
    if (!failed.isEmpty()) {
      // Paho reports failures in no particular order: requeue them in send order
      java.util.Set<Pending> failures = new java.util.HashSet<>();
      Pending failure;
      while ((failure = failed.poll()) != null) {
        failures.add(failure);
      }
      List<Pending> inOrder = inflight.keySet().stream().filter(failures::contains).toList();
      inOrder.forEach(inflight::remove);
      inOrder.forEach(this::requeue);
    }
    inflightCount = inflight.size();
  }

  /** The connection died: what was in flight goes to the journal (live) or is replayed again (journaled). */
  private void requeueInflight() {
    settleCompletions();
    List<Pending> unacknowledged = new ArrayList<>(inflight.keySet());
    inflight.clear();
    inflightCount = 0;
    unacknowledged.forEach(this::requeue);
    replayNext = -1;
    replayAcks.reset();
  }

  private void requeue(Pending pending) {
    if (pending.journalIndex() >= 0) {
      // still unacknowledged in the journal: replayed again from its cursor
      replayNext = -1;
      replayAcks.reset();
    } else if (journal.isPresent() && isJournaled(pending.message())) {
      store(pending.message());
    } else {
      outbox.returnToHead(pending.message());
    }
  }

  private void awaitChange(Duration wait) throws InterruptedException {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
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
   * Clean shutdown: stops the worker, publishes what is still waiting (for up to 2 s; the rest is
   * journaled), replaces the retained birth with OFFLINE ("shutdown"), disconnects, closes the journal.
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
      keepTheRest();
      closeClient();
      journal.ifPresent(Journal::close);
    }
  }

  private void drain() throws InterruptedException {
    long deadline = System.nanoTime() + SHUTDOWN_DRAIN.toNanos();
    Outbound next;
    while (System.nanoTime() < deadline && (next = outbox.poll(Duration.ZERO)) != null) {
      try {
        client.publish(topics.of(next.stream()), next.payload(), next.qos(), next.retained())
            .waitForCompletion(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        published.incrementAndGet();
      } catch (MqttException e) {
        outbox.returnToHead(next);
        break;
      }
    }
    settleCompletions();
    while (!inflight.isEmpty() && System.nanoTime() < deadline) {
      awaitChange(Duration.ofMillis(20));
      settleCompletions();
    }
  }

  /** What could not be delivered before shutdown goes to the journal, so the next boot replays it. */
  private void keepTheRest() {
    if (journal.isEmpty()) {
      return;
    }
    settleCompletions();
    new ArrayList<>(inflight.keySet()).stream().filter(p -> p.journalIndex() < 0)
        .map(Pending::message).filter(MqttLink::isJournaled).forEach(this::store);
    inflight.clear();
    Outbound next;
    try {
      while ((next = outbox.poll(Duration.ZERO)) != null) {
        if (isJournaled(next)) {
          store(next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeClient() {
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing MQTT client: {}", e.getMessage());
    }
  }

  /** Paho's per-message outcome: queued for the link thread. */
  private final IMqttActionListener acks = new IMqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      completed.add((Pending) token.getUserContext());
      signal();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
      failed.add((Pending) token.getUserContext());
      signal();
    }
  };

  /** Paho callbacks: flip flags, queue, and wake the link thread; nothing here blocks. */
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
      connectionLost.set(true);
      LOG.warn("lost MQTT broker {}: {}", endpoint.url(), cause == null ? "unknown cause" : cause.getMessage());
      signal();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      InboundHandler handler = inbound.get(topic);
      if (handler != null) {
        try {
          handler.accept(message.getPayload());
        } catch (RuntimeException e) {
          LOG.error("inbound handler for {} threw: {}", topic, e.toString(), e);
        }
        signal();
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // outcomes arrive through the per-message listener
    }
  }
}
