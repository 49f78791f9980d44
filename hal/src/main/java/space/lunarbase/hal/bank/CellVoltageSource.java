package space.lunarbase.hal.bank;

/**
 * Where the bank's cell voltages come from, one cell at a time. On boards and the rig this is
 * {@link AdsCellVoltages} (ADS1115 channels behind per-cell difference amplifiers); the interface
 * keeps the bank independent of the ADC front end.
 */
public interface CellVoltageSource {

  /** Number of cells. */
  int cells();

  /**
   * Measures cell {@code cell}'s terminal voltage now.
   *
   * @throws space.lunarbase.hal.DeviceException if the measuring device fails
   */
  double readVolts(int cell);
}
