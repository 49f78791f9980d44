package space.lunarbase.fsw.app.bank;

import space.lunarbase.fsw.core.param.Parameters;

/**
 * The protections' thresholds now, read from the bank's parameters.
 *
 * @param overVoltageV a cell above this is overcharged ({@code bank.cell-overvoltage-v})
 * @param underVoltageV a cell below this while the pack discharges is being reversed
 *     ({@code bank.cell-undervoltage-v})
 * @param overTemperatureC a cell above this is too hot ({@code bank.cell-overtemperature-c})
 * @param overCurrentA a pack current beyond this, either way, is an over-current
 *     ({@code bank.pack-overcurrent-a})
 */
public record ProtectionLimits(double overVoltageV, double underVoltageV, double overTemperatureC,
                               double overCurrentA) {

  /** The values the parameters hold now. */
  public static ProtectionLimits of(Parameters parameters) {
    return new ProtectionLimits(parameters.number(BankParameters.CELL_OVERVOLTAGE_V),
        parameters.number(BankParameters.CELL_UNDERVOLTAGE_V), parameters.number(BankParameters.CELL_OVERTEMPERATURE_C),
        parameters.number(BankParameters.PACK_OVERCURRENT_A));
  }
}
