package space.lunarbase.fsw.app.bank;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.board.Board;

/**
 * The bank's commands, all declared here (none if the board has no bank):
 *
 * <table>
 *   <caption>bank commands</caption>
 *   <tr><th>command</th><th>role</th><th>arguments</th><th>modes</th></tr>
 *   <tr><td>bank.SET_CHARGE_CURRENT</td><td>operator</td><td>amps: number, A, 0..charger max, and at most
 *       the parameter bank.charge-current-limit-a</td>
 *       <td>NOMINAL, MAINTENANCE</td></tr>
 *   <tr><td>bank.OPEN_CONTACTORS</td><td>operator</td><td>none</td><td>any</td></tr>
 * </table>
 */
@Singleton
public final class BankCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public BankCommands(Board board, Parameters parameters) {
    this.commands = board.cellBank().map(bank -> declare(bank, parameters)).orElse(List.of());
  }

  private static List<CommandSpec> declare(CellBank bank, Parameters parameters) {
    return List.of(
        new CommandSpec("bank.SET_CHARGE_CURRENT", "sets the charger's current setpoint", Set.of(Role.OPERATOR),
            List.of(ArgSpec.number("amps", "A", 0, bank.maxChargeCurrentA())),
            Set.of(Mode.NOMINAL, Mode.MAINTENANCE),
            (args, who) -> {
              double limit = parameters.number(BankParameters.CHARGE_CURRENT_LIMIT_A);
              if (args.number("amps") > limit) {
                throw new CommandFailure("above " + BankParameters.CHARGE_CURRENT_LIMIT_A + " = " + limit + " A");
              }
              bank.setChargeCurrent(args.number("amps"));
              return "charge setpoint " + bank.chargeCurrentSetpointA() + " A";
            }),
        new CommandSpec("bank.OPEN_CONTACTORS", "opens the main and discharge contactors (safe at any time)",
            Set.of(Role.OPERATOR), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> openAll(bank)));
  }

  /** Opens every contactor, each attempted even if another fails. */
  private static String openAll(CellBank bank) {
    List<String> failures = new ArrayList<>();
    for (BankContactor contactor : BankContactor.values()) {
      try {
        bank.openContactor(contactor);
      } catch (RuntimeException e) {
        failures.add(contactor + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new CommandFailure(String.join("; ", failures));
    }
    return "contactors commanded open";
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
