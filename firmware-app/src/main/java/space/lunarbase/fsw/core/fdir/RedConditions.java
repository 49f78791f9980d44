package space.lunarbase.fsw.core.fdir;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.ModeGuard;

/**
 * The red conditions that safed a subsystem and still hold. While one holds, the subsystem may not
 * leave SAFE (an operator's {@code core.SET_MODE} then fails with the condition).
 */
@Singleton
public final class RedConditions implements ModeGuard {

  private record Held(Set<String> subsystems, String text) {}

  private final Map<String, Held> held = new ConcurrentHashMap<>();

  /** Condition {@code name} holds, keeping {@code subsystems} SAFE; {@code text} says what it is. */
  public void hold(String name, Set<String> subsystems, String text) {
    held.put(name, new Held(Set.copyOf(subsystems), text));
  }

  /** Condition {@code name} no longer holds. */
  public void release(String name) {
    held.remove(name);
  }

  /** The conditions holding {@code subsystem} SAFE now, by name. */
  public List<String> holding(String subsystem) {
    return held.entrySet().stream().filter(e -> e.getValue().subsystems().contains(subsystem))
        .map(Map.Entry::getKey).sorted().toList();
  }

  /** The conditions holding now, by name. */
  public Set<String> holding() {
    return Set.copyOf(held.keySet());
  }

  /** What each condition holding {@code subsystem} SAFE says, sorted. */
  public List<String> reasons(String subsystem) {
    return held.values().stream().filter(h -> h.subsystems().contains(subsystem)).map(Held::text).sorted().toList();
  }

  @Override
  public Optional<String> refuse(String subsystem, Mode from, Mode to) {
    if (from != Mode.SAFE || to == Mode.SAFE) {
      return Optional.empty();
    }
    return held.values().stream().filter(h -> h.subsystems().contains(subsystem)).map(Held::text)
        .reduce((a, b) -> a + "; " + b).map(t -> "red condition persists: " + t);
  }
}
