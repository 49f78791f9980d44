package space.lunarbase.fsw.core.event;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;

/**
 * Emits events: each is logged and published on {@code evt} (QoS 1, journaled while the broker is
 * away). Throttled per event id: at most one per {@link #THROTTLE} window; the next one that gets
 * through says how many were suppressed.
 */
@Singleton
public final class EventLog {

  /** The stream events are published on. */
  public static final String STREAM = "evt";
  /** At most one event of an id per this window. */
  public static final Duration THROTTLE = Duration.ofSeconds(1);
  private static final long THROTTLE_NANOS = THROTTLE.toNanos();

  private static final Logger LOG = LoggerFactory.getLogger("events");
  /** The system property that makes an emission not matching its declaration throw. */
  public static final String STRICT = "lunarbase.events.strict";
  private static final boolean STRICT_CHECK = Boolean.getBoolean(STRICT);

  private final HeaderStamper headers;
  private final Outbox outbox;
  private final InstantSource clock;
  private final Map<Kind, Window> windows = new ConcurrentHashMap<>();
  private final Set<Integer> mismatched = ConcurrentHashMap.newKeySet();

  public EventLog(HeaderStamper headers, Outbox outbox, InstantSource clock) {
    this.headers = headers;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * One kind of event: a stable id and name, its subsystem and severity, and the arguments every
   * event of the kind carries ({@link #with}); {@link #mismatch} judges what an emission carries.
   */
  public record Kind(int id, String name, String subsystem, Severity severity, List<EventArg> args) {

    public Kind {
      args = List.copyOf(args);
    }

    /** A kind without arguments (add them with {@link #with}). */
    public Kind(int id, String name, String subsystem, Severity severity) {
      this(id, name, subsystem, severity, List.of());
    }

    /** This kind with {@code more} declared arguments. */
    public Kind with(EventArg... more) {
      List<EventArg> all = new ArrayList<>(args);
      all.addAll(List.of(more));
      return new Kind(id, name, subsystem, severity, all);
    }

    /** Empty if {@code given} carries exactly the declared arguments, each of its type; else the first problem. */
    public Optional<String> mismatch(Map<String, String> given) {
      for (Map.Entry<String, String> entry : given.entrySet()) {
        Optional<EventArg> declared = args.stream().filter(a -> a.names(entry.getKey())).findFirst();
        if (declared.isEmpty()) {
          return Optional.of(name + " carries undeclared argument '" + entry.getKey() + "'");
        }
        if (!declared.get().accepts(entry.getValue())) {
          return Optional.of(name + " argument " + entry.getKey() + " must be " + declared.get().type()
              + ", was '" + entry.getValue() + "'");
        }
      }
      for (EventArg arg : args) {
        if (!arg.optional() && !given.containsKey(arg.name())) {
          return Optional.of(name + " lacks declared argument '" + arg.name() + "'");
        }
      }
      return Optional.empty();
    }
  }

  /** An event's text and named arguments. */
  public record Details(String text, Map<String, String> args) {}

  /** Emits an event of {@code kind} with its text and named arguments; returns whether it was sent. */
  public boolean emit(Kind kind, String text, Map<String, String> args) {
    Instant now = clock.instant();
    int suppressed = admit(kind, now);
    if (suppressed < 0) {
      return false;
    }
    send(kind, text, args, now, suppressed);
    return true;
  }

  /**
   * Emits an event of {@code kind} about {@code subject} if it passes the throttle; only then is
   * {@code describe} called to build its text and arguments, so a suppressed event builds nothing
   * (with a method reference or a non-capturing lambda for {@code describe}, it allocates nothing).
   * Returns whether it was sent.
   */
  public <T> boolean emit(Kind kind, T subject, Function<? super T, Details> describe) {
    Instant now = clock.instant();
    int suppressed = admit(kind, now);
    if (suppressed < 0) {
      return false;
    }
    Details details = describe.apply(subject);
    send(kind, details.text(), details.args(), now, suppressed);
    return true;
  }

  /**
   * Emits an event that must never be suppressed (an executed command, a mode change): for kinds
   * whose rate something else already bounds.
   */
  public void emitUnthrottled(Kind kind, String text, Map<String, String> args) {
    send(kind, text, args, clock.instant(), 0);
  }

  /** The number suppressed since the last one of {@code kind} went out, or -1 if this one is suppressed. */
  private int admit(Kind kind, Instant now) {
    Window window = windows.get(kind);
    if (window == null) {
      window = windows.computeIfAbsent(kind, k -> new Window());
    }
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    synchronized (window) {
      if (window.sent && nanos - window.last < THROTTLE_NANOS) {
        window.suppressed++;
        return -1;
      }
      window.sent = true;
      window.last = nanos;
      int suppressed = window.suppressed;
      window.suppressed = 0;
      return suppressed;
    }
  }

  private void send(Kind kind, String text, Map<String, String> args, Instant now, int suppressed) {
    kind.mismatch(args).ifPresent(problem -> undeclared(kind, problem));
    log(kind, text, suppressed);
    Event event = Event.newBuilder()
        .setHeader(headers.next(STREAM, now))
        .setSeverity(kind.severity())
        .setId(kind.id())
        .setName(kind.name())
        .setText(text)
        .putAllArgs(args)
        .setSubsystem(kind.subsystem())
        .setSuppressed(suppressed)
        .build();
    outbox.offer(new Outbound(STREAM, event.toByteArray(), 1, false));
  }

  /**
   * An emission that does not match its kind's declaration: a programming error. Fails the emitting
   * call when {@value #STRICT} is set (every firmware-app test runs so); else logged once per kind.
   */
  private void undeclared(Kind kind, String problem) {
    if (STRICT_CHECK) {
      throw new IllegalStateException("event does not match its declaration: " + problem);
    }
    if (mismatched.add(kind.id())) {
      LOG.error("event does not match its declaration: {}", problem);
    }
  }

  private static void log(Kind kind, String text, int suppressed) {
    String line = "{} {} [{}] {}{}";
    String tail = suppressed > 0 ? " (" + suppressed + " suppressed)" : "";
    switch (kind.severity()) {
      case SEVERITY_FATAL, SEVERITY_WARNING_HI -> LOG.error(line, kind.subsystem(), kind.name(), kind.id(), text, tail);
      case SEVERITY_WARNING_LO -> LOG.warn(line, kind.subsystem(), kind.name(), kind.id(), text, tail);
      case SEVERITY_DIAGNOSTIC -> LOG.debug(line, kind.subsystem(), kind.name(), kind.id(), text, tail);
      default -> LOG.info(line, kind.subsystem(), kind.name(), kind.id(), text, tail);
    }
  }

  private static final class Window {
    private boolean sent;
    private long last;
    private int suppressed;
  }
}
