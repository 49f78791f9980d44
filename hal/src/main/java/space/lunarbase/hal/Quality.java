package space.lunarbase.hal;

/** How far a sampled value can be trusted. Travels with every reading the hal hands out. */
public enum Quality {
  /** Freshly measured and inside the physical range of the sensor and the plant. */
  GOOD,
  /** A previously good value that was not refreshed in time; shown, but not acted upon. */
  STALE,
  /** Measured, but outside what the sensor or the plant can physically produce: a sensor fault. */
  OUT_OF_RANGE,
  /** No value: the device did not answer or answered wrongly. Numeric fields are NaN. */
  FAILED
}
