package space.lunarbase.hal.bank;

/**
 * A capacitor bank as the firmware sees it: a series string of supercapacitor cells whose pack
 * voltage and current are measured. Per-cell readings, contactors and balancing are
 * {@link CellBank}'s.
 */
public interface CapacitorBank {

  /** The configured id of this bank, {@code [a-z0-9-]+}. */
  String id();

  /**
   * Samples the pack now. Never throws for a hardware fault: a failed or implausible measurement
   * comes back as a reading with quality {@code FAILED} or {@code OUT_OF_RANGE} and a fault text.
   */
  PackReading readPack();
}
