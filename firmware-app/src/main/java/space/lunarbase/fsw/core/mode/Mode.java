package space.lunarbase.fsw.core.mode;

/** The operating mode of one subsystem. */
public enum Mode {
  /** Hardware made harmless: contactors open, rail disarmed, tracker stowed. */
  SAFE,
  /** Automatic operation. */
  NOMINAL,
  /** Manual operation by an engineer; automatic control suspended. */
  MAINTENANCE
}
