package space.lunarbase.fsw.app.bank;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.hal.bank.BankContactor;

/**
 * The bank's commands, all declared here (none if the board has no bank). V_r is the cell's rated
 * voltage, I_max the charger's current at 100 % duty. Each runs through {@link BankManager}, which
 * refuses (FAILED, with the reason) what its state does not allow.
 *
 * <table>
 *   <caption>bank commands</caption>
 *   <tr><th>command</th><th>role</th><th>arguments</th><th>modes</th></tr>
 *   <tr><td>bank.CHARGE</td><td>operator</td><td>cell_volts: number, V, 0.5..V_r (and 20 mV below
 *       bank.cell-overvoltage-v); amps: number, A, 1..I_max (and at most bank.charge-current-limit-a,
 *       below bank.pack-overcurrent-a)</td><td>NOMINAL; time-critical (refused while the clock is not
 *       synchronised: a charge is timed for a shot)</td></tr>
 *   <tr><td>bank.DISCHARGE</td><td>operator</td><td>cell_volts: number, V, 0..V_r</td><td>NOMINAL</td></tr>
 *   <tr><td>bank.STOP</td><td>operator</td><td>none</td><td>NOMINAL, MAINTENANCE</td></tr>
 *   <tr><td>bank.OPEN_CONTACTORS</td><td>operator</td><td>none</td><td>any</td></tr>
 *   <tr><td>bank.SET_CHARGE_CURRENT</td><td>operator</td><td>amps: number, A, 0..I_max, and at most
 *       bank.charge-current-limit-a</td><td>MAINTENANCE</td></tr>
 *   <tr><td>bank.CLOSE_CONTACTOR</td><td>operator</td><td>contactor: MAIN or DISCHARGE</td>
 *       <td>MAINTENANCE</td></tr>
 * </table>
 */
@Singleton
public final class BankCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public BankCommands(Optional<BankManager> manager, Optional<BankRatings> ratings) {
    this.commands = manager.isPresent() && ratings.isPresent() ? declare(manager.get(), ratings.get()) : List.of();
  }

  private static List<CommandSpec> declare(BankManager manager, BankRatings ratings) {
    Set<Role> operator = Set.of(Role.OPERATOR);
    return List.of(
        new CommandSpec("bank.CHARGE", "charges every cell to cell_volts at up to amps, balancing, then READY",
            operator, List.of(ArgSpec.number("cell_volts", "V", 0.5, ratings.cellRatedV()),
                ArgSpec.number("amps", "A", 1, ratings.chargerMaxA())),
            Set.of(Mode.NOMINAL),
            (args, who) -> manager.charge(args.number("cell_volts"), args.number("amps"), who.cause()))
            .with(CommandSpec.Trait.TIME_CRITICAL),
        new CommandSpec("bank.DISCHARGE", "discharges through the dump resistor until every cell is at cell_volts",
            operator, List.of(ArgSpec.number("cell_volts", "V", 0, ratings.cellRatedV())), Set.of(Mode.NOMINAL),
            (args, who) -> manager.discharge(args.number("cell_volts"), who.cause())),
        new CommandSpec("bank.STOP", "stops charging, balancing or discharging: charger 0, contactors open",
            operator, List.of(), Set.of(Mode.NOMINAL, Mode.MAINTENANCE), (args, who) -> manager.stop(who.cause())),
        new CommandSpec("bank.OPEN_CONTACTORS", "charger 0, main and discharge contactors open (safe at any time)",
            operator, List.of(), CommandSpec.ANY_MODE, (args, who) -> manager.openContactors(who.cause())),
        new CommandSpec("bank.SET_CHARGE_CURRENT", "sets the charger's current setpoint by hand (maintenance)",
            operator, List.of(ArgSpec.number("amps", "A", 0, ratings.chargerMaxA())), Set.of(Mode.MAINTENANCE),
            (args, who) -> manager.manualChargeCurrent(args.number("amps"))),
        new CommandSpec("bank.CLOSE_CONTACTOR", "closes one contactor by hand (maintenance)", operator,
            List.of(ArgSpec.text("contactor", List.of("MAIN", "DISCHARGE"))), Set.of(Mode.MAINTENANCE),
            (args, who) -> manager.manualClose(BankContactor.valueOf(args.text("contactor")))));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
