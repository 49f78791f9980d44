package space.lunarbase.fsw.app.tracker;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.config.TrackerSettings;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.mode.Mode;

/**
 * The tracker's commands, all declared here (none if the board has no tracker). The dispatcher
 * refuses a command in another mode (ILLEGAL_IN_MODE); the controller refuses one in the wrong
 * state (FAILED, with the reason). L is {@code lunarbase.tracker.cable-wrap-limit-deg}.
 *
 * <table>
 *   <caption>tracker commands</caption>
 *   <tr><th>command</th><th>role</th><th>arguments</th><th>modes</th><th>refused when</th></tr>
 *   <tr><td>tracker.TRACK</td><td>operator</td><td>none</td><td>NOMINAL</td>
 *       <td>already automatic (not stowed by command); FAULT</td></tr>
 *   <tr><td>tracker.STOW</td><td>operator</td><td>none</td><td>any</td>
 *       <td>STOWING, STOWED, FAULT</td></tr>
 *   <tr><td>tracker.UNWIND</td><td>operator</td><td>none</td><td>NOMINAL, MAINTENANCE</td>
 *       <td>UNWINDING, STOWING, FAULT; wrap within half a turn of the neutral</td></tr>
 *   <tr><td>tracker.POINT</td><td>operator</td><td>azimuth_deg: number 0..360; elevation_deg: number,
 *       elevation-min-deg..elevation-max-deg</td><td>MAINTENANCE</td><td>UNWINDING, FAULT</td></tr>
 *   <tr><td>tracker.SET_WRAP</td><td>operator</td><td>wrap_deg: number, -L..L</td><td>MAINTENANCE</td>
 *       <td>UNWINDING; no GOOD azimuth reading; disagrees with the encoder by more than 2 deg mod 360</td></tr>
 * </table>
 */
@Singleton
public final class TrackerCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public TrackerCommands(TrackerController controller, TrackerSettings settings) {
    this.commands = controller.present() ? declare(controller, settings) : List.of();
  }

  private static List<CommandSpec> declare(TrackerController controller, TrackerSettings settings) {
    Set<Role> operator = Set.of(Role.OPERATOR);
    return List.of(
        new CommandSpec("tracker.TRACK", "resumes automatic sun tracking after a commanded stow", operator,
            List.of(), Set.of(Mode.NOMINAL), (args, who) -> controller.track()),
        new CommandSpec("tracker.STOW", "stows the array (elevation to the stow angle, motors off) and keeps it"
            + " there", operator, List.of(), CommandSpec.ANY_MODE, (args, who) -> controller.stow()),
        new CommandSpec("tracker.UNWIND", "turns the azimuth the other way round to the equivalent angle nearest the"
            + " cable's neutral", operator, List.of(), Set.of(Mode.NOMINAL, Mode.MAINTENANCE),
            (args, who) -> controller.unwind()),
        new CommandSpec("tracker.POINT", "points the array at an azimuth and elevation (maintenance)", operator,
            List.of(ArgSpec.number("azimuth_deg", "deg", 0, 360),
                ArgSpec.number("elevation_deg", "deg", settings.elevationMinDeg(), settings.elevationMaxDeg())),
            Set.of(Mode.MAINTENANCE),
            (args, who) -> controller.point(args.number("azimuth_deg"), args.number("elevation_deg"))),
        new CommandSpec("tracker.SET_WRAP", "states the cable wrap (after installation or repair)", operator,
            List.of(ArgSpec.number("wrap_deg", "deg", -settings.cableWrapLimitDeg(), settings.cableWrapLimitDeg())),
            Set.of(Mode.MAINTENANCE), (args, who) -> controller.setWrap(args.number("wrap_deg"))));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
