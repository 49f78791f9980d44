package space.lunarbase.fsw.app.tracker;

/** How the on-board pointing error was estimated. */
public enum PointingSource {
  /** From the sun sensor's offset (a valid signal): what the array really sees. */
  SUN_SENSOR,
  /** The corrected ephemeris against the encoders: blind to a misalignment the sensor has not measured. */
  EPHEMERIS,
  /** No estimate: an encoder reading is not GOOD. */
  NONE
}
