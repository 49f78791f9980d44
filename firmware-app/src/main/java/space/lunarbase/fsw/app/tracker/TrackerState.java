package space.lunarbase.fsw.app.tracker;

/** What the tracker controller is doing; sent as {@code TrackerTelemetry.state}. */
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
  FAULT
}
