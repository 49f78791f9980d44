package space.lunarbase.hil.rig;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import space.lunarbase.hil.rig.Observation.AckSeen;
import space.lunarbase.hil.rig.Observation.EventSeen;
import space.lunarbase.hil.rig.Observation.RigAction;
import space.lunarbase.hil.rig.Observation.StateSeen;
import space.lunarbase.hil.rig.Observation.Telemetry;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.hil.rig.report.Plot;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.Value;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.TcpProxy;
import space.lunarbase.testkit.TestSite;
import space.lunarbase.wire.AckCheck;
import space.lunarbase.wire.Topics;

/**
 * The hardware-in-the-loop rig: a real Mosquitto on a free loopback port (or the firmware's
 * embedded broker), the firmware as a separate process ({@code ./run-sim}) on a simulated board
 * with its simulation control channel on, an observer that records everything the controller
 * publishes, and an operator that signs commands. Its assertions read like F Prime's integration
 * tests: each waits for a predicate with a timeout, and on failure says what it was waiting for and
 * what it saw instead. Everything seen and done is in {@link #timeline()}, which the report draws.
 *
 * <p>Waits start "from now" unless given a {@link Mark}: take one with {@link #mark()} before the
 * action whose consequences you await.
 */
public final class Rig implements AutoCloseable {

  /** Site id of every rig controller. */
  public static final String SITE = "hil";
  /** A cold start builds the firmware first; a warm one takes a few seconds. */
  public static final Duration START = Duration.ofSeconds(90);
  /** Default for every wait that takes no timeout. */
  public static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** The key the operator signs with unless told otherwise. */
  public static final String OPERATOR_KEY = "dev-operator";
  /** On a secure rig: the operator's identity (its certificate's CN) on the rig's site. */
  public static final String OPERATOR_IDENTITY = "rig-operator";
  /** On a secure rig: the observer's identity on the rig's site. */
  public static final String OBSERVER_IDENTITY = "rig-observer";
  /**
   * On a secure rig: an operator identity for the tools a test runs beside the rig (lunarctl): one
   * identity has one connection, so they cannot share the rig operator's.
   */
  public static final String CONSOLE_IDENTITY = "rig-console";
  /**
   * On a secure rig: a second observer of the site, for a test's attacker, who holds a valid
   * certificate that lets it read everything and write nothing.
   */
  public static final String INTRUDER_IDENTITY = "rig-intruder";
  private static final Pattern SIM_CONTROL = Pattern.compile("Simulation control: (http://\\S+/sim)");
  private static final Pattern BROKER = Pattern.compile("MQTT broker: (tcp://\\S+)");
  private static final Set<Status> FINAL = EnumSet.of(Status.STATUS_COMPLETED, Status.STATUS_FAILED,
      Status.STATUS_REJECTED);
  private static final int SEEN_LINES = 25;

  /** One command and the acks that answered it, in order. */
  /**
   * One command and the acks that answered it, in order; {@code took}: from its publication (the
   * moment the operator hands it to its MQTT client) to the arrival of the ack that ended the wait at
   * the rig's observer.
   */
  public record CommandResult(String command, long requestId, List<CommandAck> acks, Duration took) {
    public CommandAck last() {
      return acks.getLast();
    }

    public Status status() {
      return last().getStatus();
    }
  }

  private final RigOptions options;
  private final Path dataDir;
  private final Timeline timeline = new Timeline();
  private final MosquittoBroker broker;
  /** Between the firmware and the broker ({@link RigOptions#withLinkProxy()}); null otherwise. */
  private final TcpProxy proxy;
  /** The site a secure rig provisioned (certificates, ACL); null otherwise. */
  private final TestSite site;
  private final KeyRing keys = KeyRing.development();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<Plot> plots = new ArrayList<>();
  private final List<String> args;
  private String brokerUrl;
  private Observer observer;
  private Operator operator;
  private FirmwareProcess firmware;
  private SimControl sim;
  private Metrics metrics;
  private long boot;
  private volatile boolean controllerDownOnPurpose;

  private Rig(RigOptions options, Path dataDir, TestSite site, MosquittoBroker broker, TcpProxy proxy,
      List<String> args) {
    this.options = options;
    this.dataDir = dataDir;
    this.site = site;
    this.broker = broker;
    this.proxy = proxy;
    this.args = args;
  }

  /** Starts broker, observer, firmware and operator; returns once the controller is ONLINE. */
  public static Rig start(RigOptions options, Path workDir) {
    Path data = workDir.toAbsolutePath().resolve("data"); // run-sim runs from the project root
    TestSite site = options.secureBroker() ? TestSite.provision(siteManifest(options.controller())) : null;
    MosquittoBroker broker = options.embeddedBroker() ? null
        : site != null ? MosquittoBroker.startSecure(site)
        : options.persistentBroker() ? MosquittoBroker.startPersistent() : MosquittoBroker.start();
    TcpProxy proxy = options.linkProxy() ? TcpProxy.to(broker.port()) : null;
    List<String> args = new ArrayList<>(List.of("--lunarbase.site=" + SITE, "--lunarbase.controller=" + options.controller(),
        "--lunarbase.data-dir=" + data, "--lunarbase.bank.sample-period=" + options.bankSamplePeriod(),
        "--lunarbase.link.keepalive=2s", "--lunarbase.link.reconnect-max=500ms", "--lunarbase.sim-control.enabled=true",
        "--hal.sim-clock-rate=" + options.clockRate()));
    if (broker != null) {
      args.add("--lunarbase.link.broker-url=" + (proxy == null ? broker.url()
          : broker.url().substring(0, broker.url().indexOf("://") + 3) + "127.0.0.1:" + proxy.port()));
      if (site != null) {
        args.addAll(FirmwareProcess.tlsArgs(site.tls(options.controller())));
      }
    } else {
      args.add("--lunarbase.link.embedded.port=" + MosquittoBroker.FreePort.find());
      args.add("--lunarbase.link.embedded.any-port-if-taken=false");
    }
    Rig rig = new Rig(options, data, site, broker, proxy, withOverrides(args, options.extraArgs()));
    try {
      if (broker != null) {
        rig.brokerUrl = broker.url();
        rig.observer = Observer.start(rig.endpoint(OBSERVER_IDENTITY), rig.root(), rig.timeline,
            options.persistentBroker());
      }
      rig.startController();
      rig.operator = Operator.connect(rig.endpoint(OPERATOR_IDENTITY), SITE, options.controller(), rig.keys,
          rig::simNow, rig.timeline);
      return rig;
    } catch (RuntimeException | Error e) {
      rig.close();
      throw e;
    }
  }

  /** The rig's settings followed by {@code extra}; an extra setting of a key the rig sets replaces the rig's. */
  private static List<String> withOverrides(List<String> rigArgs, List<String> extra) {
    java.util.Set<String> overridden = extra.stream().map(Rig::settingKey).collect(Collectors.toSet());
    List<String> all = new ArrayList<>(rigArgs.stream().filter(a -> !overridden.contains(settingKey(a))).toList());
    all.addAll(extra);
    return List.copyOf(all);
  }

  private static String settingKey(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }

  /**
   * The site of a secure rig: site {@value #SITE}, the controller, the rig's operator, console and
   * observer, and the intruder (an observer).
   */
  static String siteManifest(String controller) {
    return """
        site: %s
        broker: { hosts: [localhost], ips: [127.0.0.1] }
        controllers:
          - { id: %s, families: [bank, rail, tracker] }
        operators: [%s, %s]
        observers: [%s, %s]
        """.formatted(SITE, controller, OPERATOR_IDENTITY, CONSOLE_IDENTITY, OBSERVER_IDENTITY, INTRUDER_IDENTITY);
  }

  /** How the rig's client {@code identity} reaches the broker: plain, or with its certificate on a secure rig. */
  private BrokerEndpoint endpoint(String identity) {
    return site == null ? BrokerEndpoint.plain(brokerUrl) : BrokerEndpoint.secure(brokerUrl, site.tls(identity));
  }

  // ---- what the rig holds

  public Timeline timeline() {
    return timeline;
  }

  /** Here: waits given this mark count what arrives from now on. */
  public Mark mark() {
    return timeline.mark();
  }

  public RigOptions options() {
    return options;
  }

  /** The controller's data folder (boot count, journal, command counters, parameters). */
  public Path dataDir() {
    return dataDir;
  }

  /** {@code lunarbase/v1/hil/<controller>}. */
  public String root() {
    String prefix = Topics.prefix(SITE, options.controller());
    return prefix.substring(0, prefix.length() - 1);
  }

  public String brokerUrl() {
    return brokerUrl;
  }

  /** The site a secure rig provisioned ({@link RigOptions#withSecureBroker()}): its CA and every identity's files. */
  public Optional<TestSite> site() {
    return Optional.ofNullable(site);
  }

  /** The boot count of the controller's latest birth. */
  public long boot() {
    return boot;
  }

  public FirmwareProcess firmware() {
    return firmware;
  }

  public SimControl sim() {
    return sim;
  }

  public Operator operator() {
    return operator;
  }

  /** The firmware's {@code /prometheus} counters. */
  public Metrics metrics() {
    return metrics;
  }

  /** The relay between the firmware and the broker ({@link RigOptions#withLinkProxy()}). */
  public TcpProxy linkProxy() {
    if (proxy == null) {
      throw new IllegalStateException("this rig has no link proxy: start it with RigOptions.withLinkProxy()");
    }
    return proxy;
  }

  /** What the rig's Mosquitto has logged so far (connections, refusals, disconnections). */
  public String brokerLog() {
    if (broker == null) {
      throw new IllegalStateException("the embedded broker's log is the firmware's own output");
    }
    return broker.log();
  }

  // ---- the controller process

  /** Starts the firmware process (again) with the same settings and data folder; waits for its birth. */
  public ControllerState startController() {
    if (firmware != null && firmware.isAlive()) {
      throw new IllegalStateException("the controller is still running: " + firmware);
    }
    Mark before = mark();
    timeline.add(new RigAction("controller started: ./run-sim " + String.join(" ", args)));
    firmware = FirmwareProcess.start(args.toArray(String[]::new));
    controllerDownOnPurpose = false;
    if (broker == null) {
      Matcher url = BROKER.matcher(firmware.awaitStdout("MQTT broker:", START));
      if (!url.find()) {
        throw new IllegalStateException("no broker URL in the firmware's output: " + firmware);
      }
      if (brokerUrl == null) {
        brokerUrl = url.group(1);
        observer = Observer.start(BrokerEndpoint.plain(brokerUrl), root(), timeline, false);
      }
    }
    Matcher control = SIM_CONTROL.matcher(firmware.awaitStdout("Simulation control:", START));
    if (!control.find()) {
      throw new IllegalStateException("no simulation control line in the firmware's output: " + firmware);
    }
    sim = new SimControl(control.group(1));
    metrics = new Metrics(sim.base().substring(0, sim.base().length() - "/sim".length()));
    long previous = boot;
    ControllerState birth = awaitState(before, s -> s.getStatus() == ControllerState.Status.STATUS_ONLINE
        && s.getBootCount() > previous, "a birth (ONLINE) with a boot count above " + previous, START);
    boot = birth.getBootCount();
    return birth;
  }

  /** SIGKILL: the controller dies without a word; the broker publishes its last will. */
  public void killController() {
    controllerDownOnPurpose = true;
    timeline.add(new RigAction("controller killed (SIGKILL), pid " + firmware.pid()));
    firmware.kill(Duration.ofSeconds(10));
  }

  /** SIGTERM: a clean stop (OFFLINE, reason shutdown); returns the exit code. */
  public int stopController() {
    controllerDownOnPurpose = true;
    timeline.add(new RigAction("controller stopped (SIGTERM), pid " + firmware.pid()));
    return firmware.terminate(Duration.ofSeconds(20));
  }

  /** Waits for a state message since {@code since} matching {@code predicate}. */
  public ControllerState awaitState(Mark since, Predicate<ControllerState> predicate, String what, Duration timeout) {
    return awaitFirst("state: " + what, timeout, () -> timeline.since(since, StateSeen.class, s -> predicate.test(s.state()))
        .stream().findFirst().map(StateSeen::state), () -> seen(since, StateSeen.class, s -> true));
  }

  // ---- the broker

  /** Stops the rig's Mosquitto (SIGTERM): every client loses its connection. */
  public void stopBroker() {
    requireOwnBroker();
    timeline.add(new RigAction("broker stopped"));
    broker.stop();
  }

  /** Starts the rig's Mosquitto again on the same port. */
  public void startBroker() {
    requireOwnBroker();
    broker.restart();
    timeline.add(new RigAction("broker started again"));
  }

  /** Waits until the rig's observer is subscribed again (after a broker restart). */
  public void awaitObserverSubscribed(Duration timeout) {
    Awaitility.await("the rig's observer subscribed again").atMost(timeout).until(observer::isSubscribed);
  }

  private void requireOwnBroker() {
    if (broker == null) {
      throw new UnsupportedOperationException("the embedded broker lives inside the firmware process: "
          + "start the rig without withEmbeddedBroker() to stop and start a broker");
    }
  }

  // ---- the simulation: faults and clock

  /** Injects a fault ({@code GET /sim/faults} lists them) with parameters name, value, ...; returns what was done. */
  public String injectFault(String name, Object... params) {
    String done = sim.inject(name, params);
    timeline.add(new RigAction("fault " + name + " " + pairs(params) + ": " + done));
    return done;
  }

  /** Undoes every injected fault. */
  public void clearFaults() {
    sim.inject("clear");
    timeline.add(new RigAction("faults cleared"));
  }

  /** The plants' true state now ({@code GET /sim/state}). */
  public JsonNode plantTruth() {
    return sim.truth();
  }

  /** The controller's {@code /health} now (status and details of each indicator). */
  public JsonNode health() {
    return sim.health();
  }

  /**
   * Waits until the plants' true state ({@link #plantTruth()}) satisfies {@code predicate}; fails
   * showing the last state read.
   */
  public JsonNode awaitPlant(Predicate<JsonNode> predicate, String what, Duration timeout) {
    JsonNode[] last = new JsonNode[1];
    return awaitFirst("plant: " + what, timeout, () -> {
      last[0] = plantTruth();
      return predicate.test(last[0]) ? Optional.of(last[0]) : Optional.empty();
    }, () -> "  last plant state: " + last[0]);
  }

  /** Simulated time now, by the controller's clock. */
  public Instant simNow() {
    return sim.now();
  }

  /** Runs the controller's clock (and its rate groups) {@code rate} times faster than real time; 0 pauses it. */
  public void setClockRate(double rate) {
    sim.rate(rate);
    timeline.add(new RigAction("clock rate " + rate));
  }

  /** Steps the controller's clock forward by {@code step}. */
  public void advanceClock(Duration step) {
    sim.advance(step);
    timeline.add(new RigAction("clock advanced by " + step));
  }

  /** Waits until the controller's clock has passed {@code instant}. */
  public void awaitSimTime(Instant instant, Duration timeout) {
    Awaitility.await("simulated time " + instant).atMost(timeout).pollInterval(Duration.ofMillis(20))
        .until(() -> !simNow().isBefore(instant));
  }

  // ---- commands

  /** Signs {@code command} with the operator key and publishes it; returns its body (for its request id). */
  public CommandBody send(String command, Map<String, Value> args) {
    return send(OPERATOR_KEY, command, args);
  }

  /** Signs {@code command} with {@code keyId} and publishes it. */
  public CommandBody send(String keyId, String command, Map<String, Value> args) {
    CommandBody body = operator.body(command, args, keyId);
    operator.publish(operator.sign(body, keyId), "");
    return body;
  }

  /** Sends a command with the operator key and waits until it ends in {@code expected}; returns its acks. */
  public CommandResult sendAndAwaitAck(String command, Map<String, Value> args, Status expected) {
    return sendAndAwaitAck(OPERATOR_KEY, command, args, expected);
  }

  /**
   * Sends a command signed with {@code keyId} and waits (at most {@link #TIMEOUT}) for its final ack
   * (COMPLETED, FAILED or REJECTED), or for ACCEPTED if that is what is {@code expected}; fails
   * unless it is {@code expected}, showing every ack of it.
   */
  public CommandResult sendAndAwaitAck(String keyId, String command, Map<String, Value> args, Status expected) {
    Mark before = mark();
    CommandBody body = send(keyId, command, args);
    return awaitAck(before, body, keyId, expected, TIMEOUT);
  }

  /** Publishes an already signed command and waits for its end as {@link #sendAndAwaitAck} does. */
  public CommandResult publishAndAwaitAck(SignedCommand signed, String label, Status expected) {
    Mark before = mark();
    operator.publish(signed, label);
    CommandBody body;
    try {
      body = CommandBody.parseFrom(signed.getBody());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a CommandBody: use publishAndAwaitRejection for garbage", e);
    }
    return awaitAck(before, body, signed.getKeyId(), expected, TIMEOUT);
  }

  /**
   * Waits for the acks of {@code body} that the controller signed under {@code keyId} (forged and
   * unauthenticated ones do not count; the failure message lists every ack with what it was).
   */
  private CommandResult awaitAck(Mark since, CommandBody body, String keyId, Status expected, Duration timeout) {
    long request = body.getRequestId();
    AckCheck check = operator.check(request, keyId).orElseThrow(() -> new IllegalArgumentException("no key " + keyId
        + " in the rig's key ring: the acks of a command signed with it cannot be verified"));
    Supplier<List<CommandAck>> acks = () -> timeline.since(since, AckSeen.class,
        a -> check.judge(a.ack()).kind() == AckCheck.Kind.ANSWER).stream().map(AckSeen::ack).toList();
    String what = body.getCommand() + " (request " + Long.toUnsignedString(request) + ") to end "
        + expected.name().replace("STATUS_", "");
    List<CommandAck> got = awaitFirst(what, timeout, () -> {
      List<CommandAck> now = acks.get();
      boolean done = now.stream().anyMatch(a -> FINAL.contains(a.getStatus()) || a.getStatus() == expected);
      return done ? Optional.of(now) : Optional.empty();
    }, () -> judged(since, Optional.of(check)));
    CommandAck last = got.stream().filter(a -> a.getStatus() == expected).findFirst().orElse(got.getLast());
    if (last.getStatus() != expected) {
      throw new AssertionError("expected " + what + ", but it ended " + describe(got) + "\nacks seen since it was sent:\n"
          + judged(since, Optional.of(check)));
    }
    List<Timeline.Entry> entries = timeline.since(since);
    long published = entries.stream().filter(e -> e.what() instanceof Observation.CommandSent c && c.requestId() == request)
        .mapToLong(Timeline.Entry::wallNanos).findFirst().orElseThrow();
    long arrived = entries.stream().filter(e -> e.what() instanceof AckSeen a && a.ack().equals(last))
        .mapToLong(Timeline.Entry::wallNanos).findFirst().orElseThrow();
    return new CommandResult(body.getCommand(), request, got.subList(0, got.indexOf(last) + 1),
        Duration.ofNanos(arrived - published));
  }

  /**
   * Publishes {@code payload} (any bytes: garbage, a tampered or foreign-signed command) on
   * {@code cmd} and waits for a REJECTED ack with {@code reason}: the controller's, signed under the
   * payload's key for this controller ({@link Operator#check}), or, for a reason checked before the
   * controller verified the MAC ({@link AckCheck#BEFORE_THE_MAC}), an unauthenticated one: no MAC,
   * echoing {@code requestId} or 0 (it may not have read the body). Fails if a different answer
   * comes, showing every ack since with what it was.
   */
  public CommandAck publishAndAwaitRejection(byte[] payload, long requestId, String label, Reason reason) {
    Mark before = mark();
    operator.publishRaw(payload, label);
    Optional<AckCheck> check = keyOf(payload).flatMap(key -> operator.check(requestId, key));
    boolean unauthenticatedToo = AckCheck.BEFORE_THE_MAC.contains(reason);
    Predicate<CommandAck> answer = a -> check.isPresent() && check.get().judge(a).kind() == AckCheck.Kind.ANSWER
        || unauthenticatedToo && a.getMac().isEmpty() && (a.getRequestId() == requestId || a.getRequestId() == 0);
    String what = "REJECTED " + reason.name().replace("REASON_", "") + " for [" + label + "]";
    CommandAck ack = awaitFirst(what, TIMEOUT, () -> timeline.since(before, AckSeen.class, a -> answer.test(a.ack()))
        .stream().map(AckSeen::ack).findFirst(), () -> judged(before, check));
    if (ack.getStatus() != Status.STATUS_REJECTED || ack.getReason() != reason) {
      throw new AssertionError("expected " + what + ", got " + new AckSeen(ack).describe() + "\nacks seen since:\n"
          + judged(before, check));
    }
    return ack;
  }

  /** The key id a payload is signed under, if it is a SignedCommand at all. */
  private static Optional<String> keyOf(byte[] payload) {
    try {
      return Optional.of(SignedCommand.parseFrom(payload).getKeyId()).filter(k -> !k.isEmpty());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /** The acks seen since {@code since}, each with what it is to the command of {@code check}. */
  private String judged(Mark since, Optional<AckCheck> check) {
    List<Timeline.Entry> acks = timeline.since(since).stream().filter(e -> e.what() instanceof AckSeen).toList();
    if (acks.isEmpty()) {
      return "  (nothing)";
    }
    return acks.subList(Math.max(0, acks.size() - SEEN_LINES), acks.size()).stream().map(e -> {
      CommandAck ack = ((AckSeen) e.what()).ack();
      String verdict = check.map(c -> c.judge(ack)).map(v -> switch (v.kind()) {
        case ANSWER -> "the controller's answer";
        case FORGED -> "FORGED: " + v.why();
        case UNAUTHENTICATED -> "unauthenticated refusal";
        case OTHER -> "not this command's";
      }).orElse(ack.getMac().isEmpty() ? "no MAC" : "signed, key not in the ring");
      return "  +%.3fs %s [%s]".formatted(e.wallSeconds(), ((AckSeen) e.what()).describe(), verdict);
    }).collect(Collectors.joining("\n"));
  }

  // ---- telemetry

  /** Waits from now for a frame on {@code stream} ({@code bank} or {@code tlm/bank}) that matches. */
  public TelemetryFrame awaitTelemetry(String stream, Predicate<TelemetryFrame> predicate, Duration timeout) {
    return awaitTelemetry(mark(), stream, predicate, timeout);
  }

  /** Waits for a frame on {@code stream} since {@code since} that matches; fails showing the last frames seen. */
  public TelemetryFrame awaitTelemetry(Mark since, String stream, Predicate<TelemetryFrame> predicate, Duration timeout) {
    String s = stream(stream);
    return awaitFirst("a frame on " + s + " that matches", timeout, () -> timeline.since(since, Telemetry.class,
            t -> t.stream().equals(s) && predicate.test(t.frame())).stream().findFirst().map(Telemetry::frame),
        () -> seen(since, Telemetry.class, t -> t.stream().equals(s)));
  }

  /** Every frame received on {@code stream} since {@code since}, in arrival order. */
  public List<TelemetryFrame> frames(Mark since, String stream) {
    String s = stream(stream);
    return timeline.since(since, Telemetry.class, t -> t.stream().equals(s)).stream().map(Telemetry::frame).toList();
  }

  static String stream(String stream) {
    return stream.startsWith("tlm/") ? stream : "tlm/" + stream;
  }

  // ---- events

  /** Waits from now for an event of {@code match} that also satisfies {@code predicate}. */
  public Event awaitEvent(EventMatch match, Predicate<Event> predicate, Duration timeout) {
    return awaitEvent(mark(), match, predicate, timeout);
  }

  /** Waits for an event since {@code since}; fails showing every event seen since. */
  public Event awaitEvent(Mark since, EventMatch match, Predicate<Event> predicate, Duration timeout) {
    return awaitFirst("event " + match.description(), timeout, () -> events(since, match).stream()
        .filter(predicate).findFirst(), () -> seen(since, EventSeen.class, e -> true));
  }

  /** Every event of {@code match} since {@code since}. */
  public List<Event> events(Mark since, EventMatch match) {
    return timeline.since(since, EventSeen.class, e -> match.matches(e.event())).stream().map(EventSeen::event).toList();
  }

  /** Fails if an event of {@code match} arrived since {@code since}. */
  public void assertNoEvent(EventMatch match, Mark since) {
    List<Event> found = events(since, match);
    if (!found.isEmpty()) {
      throw new AssertionError("expected no event " + match.description() + ", but saw:\n" + found.stream()
          .map(e -> "  " + new EventSeen(e).describe()).collect(Collectors.joining("\n")));
    }
  }

  /** Watches for {@code window} (no sleep: polls the timeline) and fails at once if an event of {@code match} arrives. */
  public void assertNoEventWithin(EventMatch match, Duration window) {
    Mark since = mark();
    try {
      Awaitility.await("no event " + match.description() + " for " + window).during(window)
          .atMost(window.plusSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> events(since, match).isEmpty());
    } catch (ConditionTimeoutException e) {
      assertNoEvent(match, since);
      throw new AssertionError(e.getMessage());
    }
  }

  /**
   * Waits (at most {@code timeout}) until {@code count} events of {@code match} have arrived since
   * {@code since}, then fails if there are more or fewer.
   */
  public List<Event> assertEventCount(EventMatch match, int count, Mark since, Duration timeout) {
    try {
      Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> events(since, match).size() >= count);
    } catch (ConditionTimeoutException e) {
      // counted below
    }
    List<Event> found = events(since, match);
    if (found.size() != count) {
      throw new AssertionError("expected " + count + " event(s) " + match.description() + ", saw " + found.size()
          + ":\n" + seen(since, EventSeen.class, ev -> match.matches(ev.event())));
    }
    return found;
  }

  // ---- the report

  /** A line for the report's notes: what this scenario shows or leaves out. */
  public void note(String text) {
    synchronized (notes) {
      notes.add(text);
    }
  }

  /** A measured figure for the report (e.g. "death seen after", "0.21 s"). */
  public void figure(String name, String value) {
    synchronized (figures) {
      figures.put(name, value);
    }
  }

  /** An extra plot for the report, beside the ones drawn from telemetry. */
  public void plot(Plot plot) {
    synchronized (plots) {
      plots.add(plot);
    }
  }

  public List<String> notes() {
    synchronized (notes) {
      return List.copyOf(notes);
    }
  }

  public Map<String, String> figures() {
    synchronized (figures) {
      return Map.copyOf(figures);
    }
  }

  public List<Plot> plots() {
    synchronized (plots) {
      return List.copyOf(plots);
    }
  }

  // ---- waiting with a clear failure

  private <T> T awaitFirst(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> seen) {
    try {
      return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
          .failFast("the controller process died", () -> firmware != null && !firmware.isAlive() && !controllerDownOnPurpose)
          .until(probe::get, Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; seen:\n" + seen.get());
    } catch (org.awaitility.core.TerminalFailureException e) {
      throw new AssertionError("waiting for " + what + ": the controller process died: " + firmware + "\nseen:\n"
          + seen.get());
    }
  }

  /** The last {@value #SEEN_LINES} observations of a kind since {@code since}, one per line, with their count. */
  private <T extends Observation> String seen(Mark since, Class<T> type, Predicate<? super T> filter) {
    List<Timeline.Entry> matching = timeline.since(since).stream()
        .filter(e -> type.isInstance(e.what()) && filter.test(type.cast(e.what()))).toList();
    if (matching.isEmpty()) {
      return "  (nothing)";
    }
    String lines = matching.subList(Math.max(0, matching.size() - SEEN_LINES), matching.size()).stream()
        .map(e -> "  +%.3fs %s".formatted(e.wallSeconds(), e.what().describe())).collect(Collectors.joining("\n"));
    return (matching.size() > SEEN_LINES ? "  (" + matching.size() + " in all; the last " + SEEN_LINES + ")\n" : "")
        + lines;
  }

  private static String describe(List<CommandAck> acks) {
    return acks.stream().map(a -> new AckSeen(a).describe()).collect(Collectors.joining("; "));
  }

  private static String pairs(Object[] params) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < params.length; i += 2) {
      out.add(params[i] + "=" + params[i + 1]);
    }
    return String.join(" ", out);
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.thaw(); // a test that failed while frozen must not hold the firmware's goodbye
    }
    if (operator != null) {
      operator.close();
    }
    if (firmware != null) {
      try {
        if (firmware.isAlive()) {
          controllerDownOnPurpose = true;
          firmware.terminate(Duration.ofSeconds(20));
        }
      } catch (AssertionError e) {
        // did not stop in time: killed below
      } finally {
        firmware.close();
      }
    }
    if (observer != null) {
      observer.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  public String toString() {
    return "rig " + root() + " on " + brokerUrl + " " + Arrays.toString(args.toArray());
  }
}
