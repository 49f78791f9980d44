package space.lunarbase.fsw.core.mode;

import java.util.Optional;

/**
 * Vetoes a mode change, e.g. fault protection refusing to let a subsystem leave SAFE while the
 * condition that safed it persists, or range safety's hold. Beans of this type are consulted by
 * {@link Modes#set} (and, at construction, by {@link #startSafe}); they must answer quickly and not
 * call back into {@link Modes}.
 */
@FunctionalInterface
public interface ModeGuard {

  /** Why {@code subsystem} may not go from {@code from} to {@code to}; empty if it may. */
  Optional<String> refuse(String subsystem, Mode from, Mode to);

  /**
   * Why {@code subsystem} must start SAFE whatever its usual first mode (a hold kept across a
   * restart); empty if it need not.
   */
  default Optional<String> startSafe(String subsystem) {
    return Optional.empty();
  }
}
