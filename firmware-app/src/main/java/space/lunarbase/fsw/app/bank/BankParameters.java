package space.lunarbase.fsw.app.bank;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.param.ParamSpec;
import space.lunarbase.fsw.core.param.ParameterSet;
import space.lunarbase.hal.board.Board;

/**
 * The bank's parameters, all declared here (none if the board has no bank); defaults under
 * {@code lunarbase.parameters.bank.*}:
 *
 * <table>
 *   <caption>bank parameters</caption>
 *   <tr><th>parameter</th><th>kind</th><th>limits</th><th>read by</th></tr>
 *   <tr><td>bank.charge-current-limit-a</td><td>number, A</td><td>0..100</td>
 *       <td>bank.SET_CHARGE_CURRENT refuses more</td></tr>
 *   <tr><td>bank.cell-overvoltage-v</td><td>number, V</td><td>2.0..3.0</td>
 *       <td>the bank's cell limit (for FDIR)</td></tr>
 * </table>
 */
@Singleton
public final class BankParameters implements ParameterSet {

  public static final String CHARGE_CURRENT_LIMIT_A = "bank.charge-current-limit-a";
  public static final String CELL_OVERVOLTAGE_V = "bank.cell-overvoltage-v";

  private final List<ParamSpec> parameters;

  public BankParameters(Board board) {
    this.parameters = board.cellBank().isEmpty() ? List.of() : List.of(
        ParamSpec.number(CHARGE_CURRENT_LIMIT_A, "A", 0, 100,
            "the highest charge current an operator may command"),
        ParamSpec.number(CELL_OVERVOLTAGE_V, "V", 2.0, 3.0,
            "the cell voltage above which a cell counts as overcharged"));
  }

  @Override
  public List<ParamSpec> parameters() {
    return parameters;
  }
}
