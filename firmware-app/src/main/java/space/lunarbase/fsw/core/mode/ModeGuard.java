package space.lunarbase.fsw.core.mode;

import java.util.Optional;

/**
 * Vetoes a mode change, e.g. fault protection refusing to let a subsystem leave SAFE while the
 * condition that safed it persists. Beans of this type are consulted by {@link Modes#set}; they
 * must answer quickly and not call back into {@link Modes}.
 */
@FunctionalInterface
public interface ModeGuard {

  /** Why {@code subsystem} may not go from {@code from} to {@code to}; empty if it may. */
  Optional<String> refuse(String subsystem, Mode from, Mode to);
}
