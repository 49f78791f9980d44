package space.lunarbase.fsw.link;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.config.LinkTlsSettings;
import space.lunarbase.fsw.core.dictionary.ControllerDictionary;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.inbound.InboundHandler;
import space.lunarbase.fsw.core.telemetry.BirthListener;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.core.watchdog.Vital;
import space.lunarbase.fsw.link.journal.Journal;
import space.lunarbase.fsw.link.journal.JournalEntry;
import space.lunarbase.proto.v1.LinkTelemetry;
import space.lunarbase.wire.Topics;

/**
 * The controller's MQTT link, through one {@link BrokerPort}: MQTT 5 to every configured broker,
 * MQTT 3.1.1 only to the embedded demo broker.
 *
 * <p>One thread of its own owns the port's publishing and the journal: it connects (retrying with
 * back-off, and backing off much longer when another client takes the controller's client id;
 * {@link ReconnectSchedule}), subscribes after every connection, publishes the retained schema and
 * birth after every connection and on a rebirth request (then tells the core's
 * {@link BirthListener}s), drains the core's {@link Outbox} (live messages first), and replays the
 * store-and-forward {@link Journal} behind them, marked historical ({@link JournalReplay}). The
 * port's callbacks only queue, flip flags and wake that thread; inbound messages pass the
 * {@link InboundGate} (retained and oversize ones are dropped and counted) on the client's
 * callback thread. QoS 1 messages awaiting their acknowledgement are held in an
 * {@link InflightWindow}; what the link counts is in {@link LinkCounters}.
 *
 * <p>Nothing acknowledged is lost: a QoS 1 message leaves the link's hands only when the broker has
 * acknowledged it. While the broker is unreachable, journaled messages (QoS 1, not retained) go to
 * the journal, and so do the ones that were in flight when the connection died. Delivery is
 * at least once; a receiver drops duplicates by header (boot, sequence). A message larger than the
 * maximum packet size is dropped with a {@code LINK_MESSAGE_TOO_LARGE} event rather than sent,
 * since the broker or the client would close the connection over it again and again.
 *
 * <p>The link never reports a health it does not have: it sends itself a probe through the broker
 * every probe period (QoS 1, on {@code lunarbase/probe/{client id}}), and when nothing at all
 * arrives for the receive timeout while connected ({@link ReceiveWatch}) the receive path is dead:
 * a FATAL {@code LINK_RECEIVE_DEAD} event, the link FAILED, {@code /health} DOWN, and as a failed
 * {@link Vital} no more watchdog notifications, so the service manager restarts the firmware.
 */
@Context
public final class MqttLink implements AutoCloseable, Vital {

  private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(2);
  /** How long a connection attempt may go without an outcome before it counts as failed. */
  private static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(PortSettings.CONNECT_TIMEOUT_S + 5);
  /** How long the client may say "not connected" before its loss is taken as reported. */
  private static final Duration SILENT_LOSS = Duration.ofSeconds(5);
  private static final int LIVE_BATCH = 64;
  /**
   * How long the idle link waits for work at most: a message, an acknowledgement or a report of
   * the client each wake it at once (the outbox's wake); this bounds only its own timed duties
   * (the probe, the journal's sync).
   */
  private static final Duration IDLE_WAIT = Duration.ofMillis(100);
  private static final int REPLAY_BATCH = 64;
  /** Bytes an MQTT PUBLISH adds to topic and payload, at most (fixed header, lengths, id, properties). */
  private static final int PUBLISH_OVERHEAD = 16;
  /** The rebirth topic below the controller's root. */
  public static final String REBIRTH = "rebirth";
  /** The schema topic below the controller's root. */
  public static final String SCHEMA = "schema";
  /** The dictionary topic below the controller's root (retained, like the schema). */
  public static final String DICTIONARY = "dictionary";
  /** The link's own probe goes to this prefix followed by its client id: outside every controller's tree. */
  public static final String PROBE_PREFIX = "lunarbase/probe/";

  private final BrokerPort port;
  private final BrokerEndpoint endpoint;
  private final Topics topics;
  private final Outbox outbox;
  private final ControllerStates states;
  private final byte[] dictionary;
  private final Optional<Journal> journal;
  private final Optional<JournalReplay> journalReplay;
  private final InflightWindow inflight;
  private final LinkCounters counters = new LinkCounters();
  private final long maxPacketSize;
  private final RebirthRequests rebirths;
  private final List<BirthListener> births;
  private final List<InboundHandler> handlers;
  private final List<String> subscriptions;
  private final String probeTopic;
  private final EventLog events;
  private final ReceiveWatch watch;
  private final InboundGate gate;
  private final ReconnectSchedule schedule;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ConcurrentLinkedQueue<Signal> signals = new ConcurrentLinkedQueue<>();

  // owned by the link thread
  private boolean sessionOpen;
  private boolean attemptInFlight;
  private long attemptStarted;
  private long nextAttempt = System.nanoTime();
  private long notConnectedSince = -1;
  private boolean subscribeDue;
  private boolean birthDue;
  private boolean requeueDue;
  private boolean deathReported;

  /** Why the broker refused the probe (its subscription or its publish), if it did: the likely cause of silence. */
  private volatile String probeRefused = "";
  /** Topics whose publishes the broker refused, each logged once. */
  private final Set<String> refusedTopics = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Open once the first live message after a birth has been handed to the broker. */
  private final CountDownLatch firstLive = new CountDownLatch(1);
  private final java.util.concurrent.ThreadFactory threads;
  /** The link thread, once {@link #start()} made it; guarded by "this". */
  private Thread worker;

  /** What the port reported, for the link thread, in order. */
  private sealed interface Signal permits Connected, ConnectFailed, Lost {}

  private record Connected() implements Signal {}

  private record ConnectFailed(String reason) implements Signal {}

  private record Lost(PortEvents.Loss loss) implements Signal {}

  /** A message too large to send, described only when its event passes the throttle. */
  private record Oversize(String topic, int bytes, long limit) {}

  @Inject
  public MqttLink(BrokerService broker, Topics topics, Outbox outbox, ControllerStates states,
                  ControllerSettings controller, LinkSettings settings, LinkTlsSettings tls, Optional<Journal> journal,
                  RebirthRequests rebirths, List<InboundHandler> handlers, List<BirthListener> births, EventLog events,
                  ControllerDictionary dictionary) {
    this(broker.endpoint(), topics, outbox, states, controller, settings, tls, journal, rebirths, handlers, births,
        events, dictionary, Thread.ofPlatform().name("mqtt-link").factory());
  }

  /**
   * A link to a broker resolved elsewhere, with no application context: for tools that run many
   * controllers' links in one process (each its own parts: topics, outbox, states, journal). Its
   * thread, made by {@code threads} (the firmware's is a platform thread; many links in one process
   * can take virtual ones), starts in {@link #start()}; {@link #close()} stops it.
   */
  public MqttLink(BrokerEndpoint endpoint, Topics topics, Outbox outbox, ControllerStates states,
                  ControllerSettings controller, LinkSettings settings, LinkTlsSettings tls, Optional<Journal> journal,
                  RebirthRequests rebirths, List<InboundHandler> handlers, List<BirthListener> births, EventLog events,
                  ControllerDictionary dictionary, java.util.concurrent.ThreadFactory threads) {
    this.endpoint = endpoint;
    this.dictionary = dictionary.bytes();
    this.topics = topics;
    this.outbox = outbox;
    this.states = states;
    this.journal = journal;
    this.journalReplay = journal.map(j -> new JournalReplay(j, REPLAY_BATCH));
    this.maxPacketSize = settings.maxPacketSize();
    this.rebirths = rebirths;
    this.births = List.copyOf(births);
    this.handlers = List.copyOf(handlers);
    this.events = events;
    LinkCredentials credentials = LinkCredentials.of(controller, settings, tls);
    this.probeTopic = PROBE_PREFIX + credentials.clientId();
    Map<String, InboundHandler> byTopic = handlers.stream().collect(Collectors.toUnmodifiableMap(
        h -> topics.of(h.stream()), h -> h));
    List<String> topicsToSubscribe = new ArrayList<>(byTopic.keySet());
    topicsToSubscribe.add(probeTopic);
    this.subscriptions = List.copyOf(topicsToSubscribe);
    this.watch = new ReceiveWatch(settings.probePeriod(), settings.receiveTimeout(), System::nanoTime);
    this.gate = new InboundGate(byTopic, probeTopic, watch, events);
    this.schedule = new ReconnectSchedule(FIRST_RETRY, settings.reconnectMax(), settings.takeoverBackoffMin(),
        settings.takeoverBackoffMax());
    PortSettings portSettings = new PortSettings(endpoint.url(), credentials.clientId(), settings.keepalive(),
        settings.maxPacketSize(), settings.receiveMaximum(), settings.maxInflight(), topics.of(Topics.STATE),
        states.will().toByteArray(), credentials.sockets(), credentials.username(), credentials.password());
    Optional<java.util.concurrent.ScheduledExecutorService> clientThreads = ClientThreads.like(threads,
        credentials.clientId());
    this.port = endpoint.embedded() ? new PahoV3Port(portSettings, portEvents, clientThreads)
        : new PahoV5Port(portSettings, portEvents, clientThreads);
    this.inflight = new InflightWindow(settings.maxInflight(), port::brokerReceiveMaximum);
    this.threads = threads;
  }

  /**
   * Starts the link thread, which connects and then publishes; the context calls it once the link
   * is built, an owner without a context calls it itself. Once: later calls, and calls after
   * {@link #close()}, do nothing.
   */
  @PostConstruct
  public synchronized void start() {
    if (worker != null || !running.get()) {
      return;
    }
    worker = threads.newThread(this::run);
    worker.start();
  }

  /**
   * Waits up to {@code timeout} until the link has connected, announced itself and handed the
   * broker its first live message (what the core had queued by then, the first telemetry frames
   * among it); true if it has.
   */
  public boolean awaitFirstLive(Duration timeout) throws InterruptedException {
    return firstLive.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Whether the link is connected to its broker now. */
  public boolean isConnected() {
    return port.isConnected();
  }

  /** The broker this link talks to. */
  public BrokerEndpoint endpoint() {
    return endpoint;
  }

  /** The MQTT client id (the certificate's CN on a secure site). */
  public String clientId() {
    return port.clientId();
  }

  /** "MQTT 5", or "MQTT 3.1.1" with the embedded demo broker. */
  public String protocol() {
    return port.protocol();
  }

  /** The topic of the link's own probe, which the controller publishes and subscribes to. */
  public String probeTopic() {
    return probeTopic;
  }

  /** Successful connections since start (the first included). */
  public long connections() {
    return counters.connections();
  }

  public long connectionLosses() {
    return counters.connectionLosses();
  }

  /** Messages the broker has acknowledged (QoS 1) or been handed (QoS 0). */
  public long published() {
    return counters.published();
  }

  /** Journaled messages delivered after the broker came back. */
  public long replayed() {
    return counters.replayed();
  }

  /** Why the receive path is dead, while it is; empty while it works. */
  @Override
  public Optional<String> failure() {
    return watch.failure().map(reason -> "MQTT receive path dead: " + reason);
  }

  /** A snapshot of state and counters. */
  public LinkHealth health() {
    boolean connected = port.isConnected();
    long journalWriteFailures = journal.map(Journal::writeFailures).orElse(0L);
    Optional<String> receiveFailure = failure();
    LinkTelemetry.Status status;
    String failure = "";
    if (receiveFailure.isPresent()) {
      status = LinkTelemetry.Status.STATUS_FAILED;
      failure = receiveFailure.get();
    } else if (connected) {
      status = LinkTelemetry.Status.STATUS_OK;
    } else if (journalWriteFailures > 0) {
      status = LinkTelemetry.Status.STATUS_FAILED;
      failure = "broker away and the journal cannot be written: " + journalWriteFailures + " messages lost";
    } else {
      status = LinkTelemetry.Status.STATUS_UNAVAIL;
    }
    return new LinkHealth(status, endpoint.url(), outbox.depth(), outbox.capacity(),
        outbox.dropped() + counters.lost(), journal.map(Journal::sizeBytes).orElse(0L),
        journal.map(Journal::pendingEntries).orElse(0L), journal.map(Journal::droppedEntries).orElse(0L),
        journal.map(Journal::corruptRecords).orElse(0L), journalWriteFailures, counters.replayed(),
        counters.published(), counters.connectionLosses(), handlers.stream().mapToLong(InboundHandler::garbage).sum(),
        inflight.count(), gate.oversize(), gate.retained(), counters.takeovers(), counters.tooLarge(),
        watch.idleMillis(), failure, port.protocol(), port.clientId());
  }

  private void run() {
    while (running.get()) {
      try {
        settleCompletions();
        journal.ifPresent(Journal::flushIfDue);
        takeSignals();
        reportReceivePath();
        boolean connected = port.isConnected();
        if (requeueDue || (!connected && !inflight.isEmpty())) {
          // before anything newer is journaled, so the journal keeps send order
          requeueDue = false;
          requeueInflight();
        }
        if (!connected) {
          maybeConnect();
          if (attemptInFlight && counters.connections() == 0) {
            // the first connection is being made: what the core hands over waits in the outbox and
            // goes out live, not journaled and replayed as historical
            awaitChange(Duration.ofMillis(50));
          } else {
            storeWhileAway(Duration.ofMillis(100));
          }
          continue;
        }
        notConnectedSince = -1;
        if (subscribeDue) {
          subscribe();
        }
        if (watch.probeDue()) {
          probe();
        }
        if (birthDue || rebirths.take()) {
          announce();
        }
        int sent = sendLive();
        if (sent > 0) {
          firstLive.countDown();
        }
        sent += replay();
        if (sent == 0) {
          if (inflight.full()) {
            // the window is full: wait for acknowledgements rather than push the client past it
            awaitChange(IDLE_WAIT);
          } else {
            Outbound next = outbox.poll(IDLE_WAIT);
            if (next != null && send(Pending.live(next))) {
              firstLive.countDown();
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

  /** Applies what the port reported, in order. */
  private void takeSignals() {
    Signal signal;
    while ((signal = signals.poll()) != null) {
      long now = System.nanoTime();
      switch (signal) {
        case Connected c -> {
          attemptInFlight = false;
          sessionOpen = true;
          counters.addConnection();
          schedule.connected(now);
          watch.connected();
          subscribeDue = true;
          birthDue = true;
          LOG.info("connected to MQTT broker {} ({}, client id {})", endpoint.url(), port.protocol(), port.clientId());
        }
        case ConnectFailed f -> {
          attemptInFlight = false;
          Duration wait = schedule.attemptFailed();
          nextAttempt = now + wait.toNanos();
          LOG.warn("cannot reach MQTT broker {} ({}); retrying in {} ms", endpoint.url(), f.reason(), wait.toMillis());
        }
        case Lost l -> lostConnection(l.loss(), now);
      }
    }
  }

  private void lostConnection(PortEvents.Loss loss, long now) {
    watch.disconnected();
    sessionOpen = false;
    attemptInFlight = false;
    requeueDue = true;
    counters.addConnectionLoss();
    ReconnectSchedule.Decision decision = schedule.lost(now, loss.takenOver());
    nextAttempt = now + decision.delay().toNanos();
    if (!decision.takeover()) {
      LOG.warn("lost MQTT broker {}: {}", endpoint.url(), loss.reason());
      return;
    }
    counters.addTakeover();
    String why = loss.takenOver() ? loss.reason()
        : "the connection died within " + ReconnectSchedule.SHORT_LIVED.toSeconds() + " s of being made "
            + ReconnectSchedule.SHORT_STREAK + " times in a row (" + loss.reason() + ")";
    String text = ("client id %s was taken over by another connection to %s: %s; not fighting for it: retrying in"
        + " %d ms (takeover %d)").formatted(port.clientId(), endpoint.url(), why, decision.delay().toMillis(),
        decision.takeovers());
    events.emit(LinkEvents.LINK_CLIENT_ID_TAKEN_OVER, text, Map.of("client_id", port.clientId(),
        "retry_in_ms", Long.toString(decision.delay().toMillis()), "takeovers", Integer.toString(decision.takeovers()),
        "reason", loss.reason()));
  }

  /** Starts a connection attempt when one is due and none is under way. */
  private void maybeConnect() {
    long now = System.nanoTime();
    if (sessionOpen) {
      // the client says disconnected but has not reported the loss yet: give it a moment
      if (notConnectedSince < 0) {
        notConnectedSince = now;
      } else if (now - notConnectedSince > SILENT_LOSS.toNanos()) {
        notConnectedSince = -1;
        lostConnection(new PortEvents.Loss("the client reports no connection", false), now);
      }
      return;
    }
    if (attemptInFlight) {
      if (now - attemptStarted > ATTEMPT_LIMIT.toNanos()) {
        attemptInFlight = false;
        nextAttempt = now + schedule.attemptFailed().toNanos();
      }
      return;
    }
    if (now - nextAttempt < 0) {
      return;
    }
    attemptInFlight = true;
    attemptStarted = now;
    try {
      port.connect();
    } catch (BrokerPort.PortException e) {
      attemptInFlight = false;
      Duration wait = schedule.attemptFailed();
      nextAttempt = now + wait.toNanos();
      LOG.warn("cannot connect to MQTT broker {} ({}); retrying in {} ms", endpoint.url(), e.getMessage(),
          wait.toMillis());
    }
  }

  /** Reports a dead receive path once: FATAL event and log. */
  private void reportReceivePath() {
    if (deathReported) {
      return;
    }
    Optional<String> dead = watch.check();
    if (dead.isPresent()) {
      deathReported = true;
      String text = "the MQTT receive path is dead: " + dead.get() + probeRefused + ". No command can arrive;"
          + " /health is DOWN and the service manager restarts the firmware";
      LOG.error(text);
      events.emitUnthrottled(LinkEvents.LINK_RECEIVE_DEAD, text, Map.of("reason", dead.get(),
          "probe_topic", probeTopic));
    }
  }

  /** Broker away: journal what the core hands over, for up to {@code wait}. */
  private void storeWhileAway(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    do {
      if (!signals.isEmpty()) {
        return;
      }
      if (journal.isEmpty()) {
        awaitChange(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return;
      }
      Outbound next = outbox.poll(Duration.ofNanos(Math.max(0, Math.min(deadline - System.nanoTime(),
          IDLE_WAIT.toNanos() * 5))));
      if (next == null) {
        continue;
      }
      if (isJournaled(next)) {
        store(next);
      } else {
        // retained or QoS 0: not journaled; it waits in the outbox (bounded, oldest dropped)
        outbox.returnToHead(next);
        awaitChange(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return;
      }
    } while (running.get() && !port.isConnected() && System.nanoTime() < deadline);
  }

  private static boolean isJournaled(Outbound message) {
    return message.qos() == 1 && !message.retained();
  }

  private void store(Outbound message) {
    if (!journal.orElseThrow().append(message)) {
      counters.addLost();
    }
  }

  /** The inbound topics and the probe: after each connection. */
  private void subscribe() throws InterruptedException {
    try {
      port.subscribe(subscriptions);
      subscribeDue = false;
    } catch (BrokerPort.PortException e) {
      LOG.warn("cannot subscribe at {}: {}", endpoint.url(), e.getMessage());
      awaitChange(Duration.ofMillis(50));
    }
  }

  /** The link's own probe: any message arriving is life, this one makes sure one does. */
  private void probe() {
    try {
      // QoS 1, so an MQTT 5 broker that refuses it says so (PUBACK 0x87): the likely cause of silence
      port.publish(probeTopic, PROBE, 1, false, null);
    } catch (BrokerPort.PortException e) {
      LOG.debug("probe not sent: {}", e.getMessage());
    }
  }

  private static final byte[] PROBE = "probe".getBytes(StandardCharsets.US_ASCII);

  /** Schema, dictionary and birth (retained): after each connection and on request. */
  private void announce() throws InterruptedException {
    try {
      birthDue = false;
      port.publish(topics.of(SCHEMA), space.lunarbase.proto.Schema.descriptorSet().toByteArray(), 1, true, null);
      port.publish(topics.of(DICTIONARY), dictionary, 1, true, null);
      port.publish(topics.of(Topics.STATE), states.online().toByteArray(), 1, true, null);
      for (BirthListener listener : births) {
        try {
          listener.born();
        } catch (RuntimeException e) {
          LOG.error("birth listener failed: {}", e.toString(), e);
        }
      }
    } catch (BrokerPort.PortException e) {
      birthDue = true;
      awaitChange(Duration.ofMillis(50));
    }
  }

  /** Whether a message fits in one packet of the maximum size (the link's, and the broker's if smaller). */
  private boolean fits(String topic, byte[] payload) {
    long limit = Math.min(maxPacketSize, port.brokerMaximumPacketSize());
    return (long) topic.length() + payload.length + PUBLISH_OVERHEAD <= limit;
  }

  private int sendLive() throws InterruptedException {
    int sent = 0;
    Outbound next;
    while (sent < LIVE_BATCH && !inflight.full() && (next = outbox.poll(Duration.ZERO)) != null) {
      if (!send(Pending.live(next))) {
        break;
      }
      sent++;
    }
    return sent;
  }

  /** Replays journaled messages behind the live ones, while the inflight window has room. */
  private int replay() throws InterruptedException {
    if (journalReplay.isEmpty() || inflight.halfFull()) {
      return 0;
    }
    JournalReplay from = journalReplay.get();
    int sent = 0;
    for (JournalEntry entry : from.due()) {
      if (inflight.full()) {
        break;
      }
      Pending pending = from.sending(entry);
      if (!send(pending)) {
        break;
      }
      from.sent(pending);
      sent++;
    }
    return sent;
  }

  /** Hands one message to the port; false (and the message kept) if the client cannot take it now. */
  private boolean send(Pending pending) throws InterruptedException {
    Outbound message = pending.message();
    String topic = topics.of(message.stream());
    if (!fits(topic, message.payload())) {
      dropTooLarge(pending, topic);
      return true;
    }
    try {
      if (message.qos() == 0) {
        port.publish(topic, message.payload(), 0, message.retained(), null);
        counters.addPublished();
        return true;
      }
      inflight.add(pending);
      port.publish(topic, message.payload(), 1, message.retained(), pending);
      return true;
    } catch (BrokerPort.PortException e) {
      inflight.remove(pending);
      if (pending.replayed()) {
        journalReplay.orElseThrow().unsent(pending.journalIndex());
      } else {
        outbox.returnToHead(message);
      }
      awaitChange(Duration.ofMillis(20));
      return false;
    }
  }

  /** A message no broker connection would carry: counted, reported, and (if journaled) let go. */
  private void dropTooLarge(Pending pending, String topic) {
    counters.addTooLarge();
    long limit = Math.min(maxPacketSize, port.brokerMaximumPacketSize());
    events.emit(LinkEvents.LINK_MESSAGE_TOO_LARGE, new Oversize(topic, pending.message().payload().length, limit),
        MqttLink::describe);
    if (pending.replayed()) {
      journalReplay.orElseThrow().delivered(pending.journalIndex());
    }
  }

  private static EventLog.Details describe(Oversize o) {
    return new EventLog.Details(("dropped a %d-byte message for %s: above the maximum packet size of %d bytes"
        + " (lunarbase.link.max-packet-size, or the broker's)").formatted(o.bytes(), o.topic(), o.limit()),
        Map.of("topic", o.topic(), "bytes", Integer.toString(o.bytes()), "limit", Long.toString(o.limit())));
  }

  /** Applies the broker's acknowledgements and the client's failures, on the link thread. */
  private void settleCompletions() {
    if (inflight.anyFailed() && !port.isConnected()) {
      // a lost connection fails its messages over time and in no particular order: requeued one
      // report at a time, they would reach the journal out of send order
      requeueInflight();
      return;
    }
    inflight.settle(this::acknowledged, this::requeue);
  }

  private void acknowledged(Pending done) {
    counters.addPublished();
    if (done.replayed()) {
      counters.addReplayed();
      journalReplay.orElseThrow().delivered(done.journalIndex());
    }
  }

  /** The connection died: what was in flight goes to the journal (live) or is replayed again (journaled). */
  private void requeueInflight() {
    inflight.abandon(this::acknowledged).forEach(this::requeue);
    journalReplay.ifPresent(JournalReplay::restart);
  }

  private void requeue(Pending pending) {
    if (pending.replayed()) {
      // still unacknowledged in the journal: replayed again from its cursor
      journalReplay.orElseThrow().restart();
    } else if (journal.isPresent() && isJournaled(pending.message())) {
      store(pending.message());
    } else {
      outbox.returnToHead(pending.message());
    }
  }

  // the callers loop and re-check their condition: a spurious wake-up only makes them look sooner
  @SuppressWarnings("WaitNotInLoop")
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
    outbox.wake(); // the idle link waits in the outbox
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
    Thread started;
    synchronized (this) {
      started = worker;
    }
    try {
      if (started != null) {
        started.join(5_000);
      }
      if (port.isConnected()) {
        drain();
        port.publishAndWait(topics.of(Topics.STATE), states.offline("shutdown").toByteArray(), 1, true,
            Duration.ofSeconds(2));
        port.disconnect(Duration.ofSeconds(2));
      }
    } catch (BrokerPort.PortException e) {
      LOG.warn("MQTT link did not close cleanly: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      keepTheRest();
      port.close();
      journal.ifPresent(Journal::close);
    }
  }

  private void drain() throws InterruptedException {
    long deadline = System.nanoTime() + SHUTDOWN_DRAIN.toNanos();
    Outbound next;
    while (System.nanoTime() < deadline && (next = outbox.poll(Duration.ZERO)) != null) {
      String topic = topics.of(next.stream());
      if (!fits(topic, next.payload())) {
        counters.addTooLarge();
        continue;
      }
      try {
        port.publishAndWait(topic, next.payload(), next.qos(), next.retained(),
            Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
        counters.addPublished();
      } catch (BrokerPort.PortException e) {
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
    inflight.clear().stream().filter(p -> !p.replayed())
        .map(Pending::message).filter(MqttLink::isJournaled).forEach(this::store);
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

  /** The port's reports: queue, count, wake the link thread; inbound messages through the gate. */
  private final PortEvents portEvents = new PortEvents() {
    @Override
    public void connected() {
      signals.add(new Connected());
      signal();
    }

    @Override
    public void connectFailed(String reason) {
      signals.add(new ConnectFailed(reason));
      signal();
    }

    @Override
    public void lost(Loss loss) {
      signals.add(new Lost(loss));
      signal();
    }

    @Override
    public void message(String topic, byte[] payload, boolean retained) {
      gate.accept(topic, payload, retained);
      signal();
    }

    @Override
    public void subscriptionRefused(String topic, int reasonCode) {
      String refusal = " (the broker refused the subscription to %s: reason 0x%02X%s)".formatted(topic, reasonCode,
          topic.equals(probeTopic) ? "; its ACL must let client " + port.clientId() + " read and write " + probeTopic
              : "");
      if (topic.equals(probeTopic)) {
        probeRefused = refusal;
      }
      LOG.error("MQTT broker {}{}", endpoint.url(), refusal);
    }

    @Override
    public void publishRefused(String topic, int reasonCode) {
      if (topic.equals(probeTopic)) {
        probeRefused = (" (the broker refuses the probe on %s: reason 0x%02X; its ACL must let client %s read and"
            + " write it)").formatted(topic, reasonCode, port.clientId());
      }
      if (refusedTopics.add(topic)) {
        LOG.error("MQTT broker {} refuses publishes to {}: reason 0x{} (its ACL?)", endpoint.url(), topic,
            Integer.toHexString(reasonCode));
      }
    }

    @Override
    public void delivered(Object context) {
      if (context instanceof Pending pending) {
        inflight.delivered(pending);
        signal();
      }
    }

    @Override
    public void notDelivered(Object context) {
      if (context instanceof Pending pending) {
        inflight.notDelivered(pending);
        signal();
      }
    }
  };
}
