package space.lunarbase.hal.bank;

import java.util.List;

/**
 * A capacitor bank with per-cell visibility and the bank's outputs: cell voltages, temperatures,
 * the main and discharge contactors with their feedback, per-cell balancing bleed switches and the
 * charger's current setpoint.
 *
 * <p>Reads never throw for a hardware fault: a device that fails gives FAILED readings, an
 * implausible value OUT_OF_RANGE ones, each with a fault text naming the device. Commands throw
 * {@link space.lunarbase.hal.DeviceException} (with the device's name) when the hardware cannot
 * carry them out, and IllegalArgumentException for a request outside the bank's limits.
 */
public interface CellBank extends CapacitorBank {

  /** Number of cells in series. */
  int cellCount();

  /** Every cell's voltage, index = cell. */
  List<CellReading> readCells();

  /** Every temperature sensor's reading, in wiring order. */
  List<TemperatureReading> readTemperatures();

  /** Reads a contactor's feedback and judges it against its command. */
  ContactorReading readContactor(BankContactor contactor);

  /** Energises a contactor's coil. */
  void closeContactor(BankContactor contactor);

  /** Releases a contactor's coil. */
  void openContactor(BankContactor contactor);

  /** The bleed switches, commanded and read back. */
  BalancingReading readBalancing();

  /** Switches cell {@code cell}'s bleed resistor on or off. */
  void setBleed(int cell, boolean on);

  /** Sets the charger's current setpoint, 0..{@link #maxChargeCurrentA()}, through the PWM duty. */
  void setChargeCurrent(double amps);

  /** The setpoint last commanded (after rounding to whole percent of duty). */
  double chargeCurrentSetpointA();

  /** The charger's current at 100 % duty. */
  double maxChargeCurrentA();

  /** Nominal capacitance of one cell, for energy estimates. */
  double cellCapacitanceF();

  /** Energy held in the good cells of {@code cells}: the sum of C V^2 / 2 at nominal C. */
  default double storedEnergyJ(List<CellReading> cells) {
    double energy = 0;
    for (CellReading cell : cells) {
      if (cell.isGood()) {
        energy += 0.5 * cellCapacitanceF() * cell.volts() * cell.volts();
      }
    }
    return energy;
  }
}
