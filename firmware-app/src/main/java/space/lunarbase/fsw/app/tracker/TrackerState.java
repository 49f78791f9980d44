package space.lunarbase.fsw.app.tracker;

import java.util.function.Consumer;
import space.lunarbase.fsw.core.state.Move;
import space.lunarbase.fsw.core.state.Transitions;

/**
 * What the tracker controller is doing; sent as {@code TrackerTelemetry.state}. The mode, the Sun
 * and the operator's requests pick the state each cycle, so most moves are allowed
 * ({@link #transitions}); the exceptions: TRACKING does not fall back to ACQUIRING, STOWED is
 * reached by STOWING only, and a STOWED tracker has no stow left to fail (no FAULT from it).
 */
public enum TrackerState {
  /** Not moving, motors off: the Sun is below the horizon, or the controller has just started. */
  IDLE,
  /** Slewing onto the Sun (at sunrise, after a stow or maintenance) until within 0.2 degrees of it. */
  ACQUIRING,
  /** Following the Sun: ephemeris feed-forward plus the sun sensor's correction when it is valid. */
  TRACKING,
  /** Turning the azimuth the other way round to the equivalent angle nearest the cable's neutral. */
  UNWINDING,
  /** Taking elevation to the stow angle; the motors are disabled once there. */
  STOWING,
  /** At the stow angle, motors off. */
  STOWED,
  /** MAINTENANCE: pointing where an operator commanded, or holding still. */
  MANUAL,
  /** A hardware fault kept it from stowing: motors off. */
  FAULT;

  /** The controller's state machine, starting IDLE, telling {@code listener} of each move. */
  static Transitions<TrackerState, String> transitions(Consumer<? super Move<TrackerState, String>> listener) {
    Transitions.Builder<TrackerState, String> b = Transitions.<TrackerState, String>builder("tracker",
        TrackerState.class).allowFromAny(IDLE, TRACKING, UNWINDING, STOWING, MANUAL);
    for (TrackerState from : values()) {
      if (from != TRACKING && from != ACQUIRING) {
        b.allow(from, ACQUIRING);
      }
      if (from != STOWED && from != FAULT) {
        b.allow(from, FAULT);
      }
    }
    return b.allow(STOWING, STOWED).startingAt(IDLE).listener(listener).build();
  }
}
