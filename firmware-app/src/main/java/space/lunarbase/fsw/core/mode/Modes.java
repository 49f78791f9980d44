package space.lunarbase.fsw.core.mode;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;

/**
 * The mode of each subsystem ({@link #SUBSYSTEMS}). Every subsystem starts NOMINAL except those in
 * {@link #STARTING_SAFE}: the rail (a restart never leaves it armed) and the bank (a restart after
 * a crash never resumes charging); an operator sets them NOMINAL. Each transition raises
 * {@link CoreEvents#MODE_CHANGED} with its cause; commands declare the modes they are legal in, and fault
 * protection switches modes through {@link #set} too. {@link ModeGuard}s may veto a change (fault
 * protection keeps a subsystem SAFE while its red condition persists; range safety's hold keeps it
 * SAFE until a range-safety key releases it) and may make a subsystem start SAFE (a hold kept
 * across a restart: its cause then reads {@code start: <why>}).
 */
@Singleton
public final class Modes {

  /** The subsystems that have a mode. */
  public static final List<String> SUBSYSTEMS = List.of("core", "bank", "tracker", "rail", "link");
  /** The cause of every subsystem's first mode. */
  public static final String START_CAUSE = "start";

  /** The subsystems that start SAFE at every start. */
  public static final Set<String> STARTING_SAFE = Set.of("bank", "rail");


  private final EventLog events;
  private final List<ModeGuard> guards;
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final Map<String, String> causes = new ConcurrentHashMap<>();

  /** Modes without guards. */
  public Modes(EventLog events) {
    this(events, List.of());
  }

  @Inject
  public Modes(EventLog events, List<ModeGuard> guards) {
    this.events = events;
    this.guards = List.copyOf(guards);
    for (String subsystem : SUBSYSTEMS) {
      Optional<String> held = this.guards.stream().map(g -> g.startSafe(subsystem)).flatMap(Optional::stream)
          .findFirst();
      modes.put(subsystem, STARTING_SAFE.contains(subsystem) || held.isPresent() ? Mode.SAFE : Mode.NOMINAL);
      causes.put(subsystem, held.map(why -> START_CAUSE + ": " + why).orElse(START_CAUSE));
    }
  }

  /** The mode of {@code subsystem}, empty if it has none. */
  public Optional<Mode> of(String subsystem) {
    return Optional.ofNullable(modes.get(subsystem));
  }

  /**
   * Puts {@code subsystem} in {@code mode}; raises MODE_CHANGED (with {@code cause}) if it changed.
   *
   * @return the mode before
   * @throws IllegalArgumentException if the subsystem has no mode (a caller's bug, not input:
   *     commands validate their arguments first)
   * @throws ModeRefused if a {@link ModeGuard} vetoes the change (the mode stays)
   */
  public synchronized Mode set(String subsystem, Mode mode, String cause) {
    Mode current = modes.get(subsystem);
    if (current == null) {
      throw new IllegalArgumentException("no mode for subsystem " + subsystem);
    }
    if (current != mode) {
      for (ModeGuard guard : guards) {
        var refusal = guard.refuse(subsystem, current, mode);
        if (refusal.isPresent()) {
          throw new ModeRefused(subsystem + " stays " + current + ": " + refusal.get());
        }
      }
    }
    Mode before = modes.put(subsystem, mode);
    if (before != mode) {
      causes.put(subsystem, cause);
      Map<String, String> args = new LinkedHashMap<>();
      args.put("subsystem", subsystem);
      args.put("from", before.name());
      args.put("to", mode.name());
      args.put("cause", cause);
      events.emitUnthrottled(CoreEvents.MODE_CHANGED, subsystem + " " + before + " -> " + mode + ": " + cause, args);
    }
    return before;
  }

  /** Why {@code subsystem} is in its mode: the cause given when it entered it ({@link #START_CAUSE} at first). */
  public Optional<String> cause(String subsystem) {
    return Optional.ofNullable(causes.get(subsystem));
  }

  /** Every subsystem's mode now. */
  public Map<String, Mode> snapshot() {
    return Map.copyOf(modes);
  }
}
