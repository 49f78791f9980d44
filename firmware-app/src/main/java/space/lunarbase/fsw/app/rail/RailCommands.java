package space.lunarbase.fsw.app.rail;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.rail.RailAction;

/**
 * The rail's commands, all declared here (none if the board has no rail):
 *
 * <table>
 *   <caption>rail commands</caption>
 *   <tr><th>command</th><th>role</th><th>arguments</th><th>modes</th></tr>
 *   <tr><td>rail.SAFE</td><td>range-safety</td><td>none</td><td>any</td></tr>
 * </table>
 *
 * {@code rail.SAFE} disarms the front-end, drops fire permit and the arm output (each attempted)
 * and puts the rail in SAFE mode.
 */
@Singleton
public final class RailCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public RailCommands(Board board, Modes modes) {
    this.commands = board.rail().map(rail -> declare(rail, modes)).orElse(List.of());
  }

  private static List<CommandSpec> declare(LaunchRail rail, Modes modes) {
    return List.of(
        new CommandSpec("rail.SAFE", "disarms the rail: front-end disarmed, fire permit and arm output low",
            Set.of(Role.RANGE_SAFETY), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> {
              modes.set("rail", Mode.SAFE, who.cause());
              List<String> failures = new ArrayList<>();
              note(failures, "disarm front-end", rail.disarmFrontEnd());
              note(failures, "fire permit low", rail.setFirePermit(false));
              note(failures, "arm output low", rail.setArmOutput(false));
              if (!failures.isEmpty()) {
                throw new CommandFailure(String.join("; ", failures));
              }
              return "rail " + rail.id() + " safe";
            }));
  }

  private static void note(List<String> failures, String step, RailAction action) {
    if (!action.done()) {
      failures.add(step + ": " + action.reason());
    }
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
