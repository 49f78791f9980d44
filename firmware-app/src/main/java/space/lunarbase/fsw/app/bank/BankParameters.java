package space.lunarbase.fsw.app.bank;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import space.lunarbase.fsw.core.param.CrossCheck;
import space.lunarbase.fsw.core.param.ParamSpec;
import space.lunarbase.fsw.core.param.ParameterSet;

/**
 * The bank's parameters, all declared here (none if the board has no bank); defaults under
 * {@code lunarbase.parameters.bank.*}. I_mon is the largest current the pack monitor measures.
 *
 * <table>
 *   <caption>bank parameters</caption>
 *   <tr><th>parameter</th><th>kind</th><th>limits</th><th>read by</th></tr>
 *   <tr><td>bank.charge-current-limit-a</td><td>number, A</td><td>0..100</td>
 *       <td>bank.CHARGE and bank.SET_CHARGE_CURRENT refuse more; a charge in progress is held to it</td></tr>
 *   <tr><td>bank.cell-overvoltage-v</td><td>number, V</td><td>2.0..3.0</td>
 *       <td>the CELL_OVERVOLTAGE protection; bank.CHARGE targets stay 20 mV below it</td></tr>
 *   <tr><td>bank.cell-undervoltage-v</td><td>number, V</td><td>-0.5..0.5</td>
 *       <td>the CELL_UNDERVOLTAGE (reversal while discharging) protection</td></tr>
 *   <tr><td>bank.cell-overtemperature-c</td><td>number, degC</td><td>20..80</td>
 *       <td>the CELL_OVERTEMPERATURE protection</td></tr>
 *   <tr><td>bank.pack-overcurrent-a</td><td>number, A</td><td>1..I_mon</td>
 *       <td>the PACK_OVERCURRENT protection; bank.CHARGE refuses a current at or above it</td></tr>
 *   <tr><td>bank.taper-window-v</td><td>number, V</td><td>0.01..0.5</td>
 *       <td>the charge current falls to zero over the last this-many volts below the target</td></tr>
 *   <tr><td>bank.balance-band-v</td><td>number, V</td><td>0.002..0.2</td>
 *       <td>a cell bleeds when more than half this above the lowest (until within a quarter of it);
 *       READY needs every cell within it of the target</td></tr>
 *   <tr><td>bank.min-useful-cell-v</td><td>number, V</td><td>0..3</td>
 *       <td>available energy counts what lies above this cell voltage</td></tr>
 * </table>
 *
 * <p>The rail's bank interlock reads READY and the available energy, so {@code bank.balance-band-v}
 * and {@code bank.min-useful-cell-v} are protected (range safety only, rail SAFE only);
 * {@code bank.min-useful-cell-v} is cross-checked to stay within 0..V_r.
 */
@Singleton
public final class BankParameters implements ParameterSet {

  public static final String CHARGE_CURRENT_LIMIT_A = "bank.charge-current-limit-a";
  public static final String CELL_OVERVOLTAGE_V = "bank.cell-overvoltage-v";
  public static final String CELL_UNDERVOLTAGE_V = "bank.cell-undervoltage-v";
  public static final String CELL_OVERTEMPERATURE_C = "bank.cell-overtemperature-c";
  public static final String PACK_OVERCURRENT_A = "bank.pack-overcurrent-a";
  public static final String TAPER_WINDOW_V = "bank.taper-window-v";
  public static final String BALANCE_BAND_V = "bank.balance-band-v";
  public static final String MIN_USEFUL_CELL_V = "bank.min-useful-cell-v";

  private final List<ParamSpec> parameters;
  private final List<CrossCheck> crossChecks;

  public BankParameters(Optional<BankRatings> ratings) {
    this.parameters = ratings.map(BankParameters::declare).orElse(List.of());
    this.crossChecks = ratings.map(r -> List.of(CrossCheck.within(MIN_USEFUL_CELL_V, 0, r.cellRatedV(), "V",
        "hal.board bank.cell-rated-v"))).orElse(List.of());
  }

  private static List<ParamSpec> declare(BankRatings ratings) {
    return List.of(
        ParamSpec.number(CHARGE_CURRENT_LIMIT_A, "A", 0, 100,
            "the highest charge current an operator may command"),
        ParamSpec.number(CELL_OVERVOLTAGE_V, "V", 2.0, 3.0,
            "the cell voltage above which a cell counts as overcharged"),
        ParamSpec.number(CELL_UNDERVOLTAGE_V, "V", -0.5, 0.5,
            "the cell voltage below which a cell is being reversed while the pack discharges"),
        ParamSpec.number(CELL_OVERTEMPERATURE_C, "degC", 20, 80,
            "the cell temperature above which the bank is safed"),
        ParamSpec.number(PACK_OVERCURRENT_A, "A", 1, ratings.monitorMaxA(),
            "the pack current, either way, beyond which the bank is safed (at most what the pack monitor measures)"),
        ParamSpec.number(TAPER_WINDOW_V, "V", 0.01, 0.5,
            "how far below the target the charge current starts to taper"),
        ParamSpec.number(BALANCE_BAND_V, "V", 0.002, 0.2,
            "the cell balancing band, and how close to the target every cell must be for READY").readByInterlock(),
        ParamSpec.number(MIN_USEFUL_CELL_V, "V", 0, 3.0,
            "the cell voltage below which energy does not count as available for a shot").readByInterlock());
  }

  @Override
  public List<ParamSpec> parameters() {
    return parameters;
  }

  @Override
  public List<CrossCheck> crossChecks() {
    return crossChecks;
  }
}
