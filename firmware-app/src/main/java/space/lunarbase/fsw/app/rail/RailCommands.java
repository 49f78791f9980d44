package space.lunarbase.fsw.app.rail;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.command.Safing;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;

/**
 * The rail's commands, all declared here (none if the board has no rail). What each does in each
 * sequence state is {@link RailSequencer}'s table; a command refused by the state ends FAILED with
 * the reason.
 *
 * <table>
 *   <caption>rail commands</caption>
 *   <tr><th>command</th><th>role</th><th>arguments</th><th>modes</th></tr>
 *   <tr><td>rail.PLAN_SHOT</td><td>operator</td><td>payload_id: text [A-Za-z0-9._-]{1,64};
 *       mass_kg: number, kg, 0.001..1e6; exit_speed_mps: number, m/s, 0.1..10000</td><td>any</td></tr>
 *   <tr><td>rail.ARM</td><td>operator</td><td>none</td><td>NOMINAL</td></tr>
 *   <tr><td>rail.FIRE</td><td>range-safety</td><td>arm: integer, 1..10^12, the arm to fire</td>
 *       <td>NOMINAL</td></tr>
 *   <tr><td>rail.ABORT</td><td>operator, range-safety</td><td>none</td><td>any</td></tr>
 *   <tr><td>rail.SAFE</td><td>range-safety</td><td>none</td><td>any (also puts the rail in SAFE mode)</td></tr>
 * </table>
 *
 * <p>{@code rail.ABORT} and {@code rail.SAFE} are safing commands ({@link Safing}): they only disarm.
 */
@Singleton
public final class RailCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public RailCommands(RailSequencing sequencing, Modes modes) {
    this.commands = sequencing.sequencer().map(sequencer -> declare(sequencer, modes)).orElse(List.of());
  }

  /** The commands over {@code sequencer} (the component tester builds them without a context). */
  static List<CommandSpec> declare(RailSequencer sequencer, Modes modes) {
    return List.of(
        new CommandSpec("rail.PLAN_SHOT", "plans one payload's shot (stages, firing table, energy); SAFE only",
            Set.of(Role.OPERATOR),
            List.of(ArgSpec.text("payload_id", List.of()), ArgSpec.number("mass_kg", "kg", 0.001, 1e6),
                ArgSpec.number("exit_speed_mps", "m/s", 0.1, 10_000)),
            CommandSpec.ANY_MODE,
            (args, who) -> sequencer.planShot(args.text("payload_id"), args.number("mass_kg"),
                args.number("exit_speed_mps"))),
        new CommandSpec("rail.ARM", "checks the interlocks and arms the rail for the planned shot",
            Set.of(Role.OPERATOR), List.of(), Set.of(Mode.NOMINAL),
            (args, who) -> sequencer.arm(who.cause())),
        new CommandSpec("rail.FIRE", "fires the named arm: the front-end runs the firing table",
            Set.of(Role.RANGE_SAFETY), List.of(ArgSpec.integer("arm", "", 1, 1_000_000_000_000L)), Set.of(Mode.NOMINAL),
            (args, who) -> sequencer.fire(args.integer("arm"), who.cause())),
        new CommandSpec("rail.ABORT", "makes the rail SAFE from any state (a shot in flight is disarmed)",
            Set.of(Role.OPERATOR, Role.RANGE_SAFETY), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> sequencer.abort(who.cause())).withSafing(Safing.ALWAYS),
        new CommandSpec("rail.SAFE", "puts the rail in SAFE mode and makes it SAFE from any state",
            Set.of(Role.RANGE_SAFETY), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> {
              try {
                modes.set("rail", Mode.SAFE, who.cause());
              } catch (RuntimeException e) {
                sequencer.abort(who.cause());
                throw e;
              }
              return "rail mode SAFE; " + sequencer.abort(who.cause());
            }).withSafing(Safing.ALWAYS));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
