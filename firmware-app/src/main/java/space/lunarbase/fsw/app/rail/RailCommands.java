package space.lunarbase.fsw.app.rail;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.CommandSpec.Trait;
import space.lunarbase.fsw.core.command.Invocation;
import space.lunarbase.fsw.core.command.Rejection;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.command.Safing;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.RangeSafety;
import space.lunarbase.proto.v1.CommandAck.Reason;

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
 *   <tr><td>rail.ARM</td><td>operator</td><td>none</td><td>NOMINAL; time-critical</td></tr>
 *   <tr><td>rail.FIRE</td><td>range-safety</td><td>arm: text, the current arm's token
 *       ({@code 9f3c-2a1b-77e0-c4d5}, from tlm/rail or the ARM's ack)</td>
 *       <td>NOMINAL; time-critical; never in a stored sequence</td></tr>
 *   <tr><td>rail.ABORT</td><td>operator, range-safety</td><td>none</td><td>any (under a range-safety key
 *       also puts the rail in SAFE mode and holds it there)</td></tr>
 *   <tr><td>rail.SAFE</td><td>range-safety</td><td>none</td><td>any (also puts the rail in SAFE mode and holds
 *       it there)</td></tr>
 * </table>
 *
 * Range safety's rail.SAFE and rail.ABORT leave the rail held SAFE until a range-safety key releases
 * it ({@link RangeSafety}).
 *
 * <p>{@code rail.ABORT} and {@code rail.SAFE} are safing commands ({@link Safing}): they only disarm
 * (and hold SAFE), so a late or repeated one cannot arm, fire or release a hold.
 */
@Singleton
public final class RailCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public RailCommands(RailSequencing sequencing, RangeSafety rangeSafety) {
    this.commands = sequencing.sequencer().map(sequencer -> declare(sequencer, rangeSafety)).orElse(List.of());
  }

  /** The commands over {@code sequencer} (the component tester builds them without a context). */
  static List<CommandSpec> declare(RailSequencer sequencer, RangeSafety rangeSafety) {
    return List.of(
        new CommandSpec("rail.PLAN_SHOT", "plans one payload's shot (stages, firing table, energy); SAFE only",
            Set.of(Role.OPERATOR),
            List.of(ArgSpec.text("payload_id", List.of()), ArgSpec.number("mass_kg", "kg", 0.001, 1e6),
                ArgSpec.number("exit_speed_mps", "m/s", 0.1, 10_000)),
            CommandSpec.ANY_MODE,
            (args, who) -> sequencer.planShot(args.text("payload_id"), args.number("mass_kg"),
                args.number("exit_speed_mps"))),
        new CommandSpec("rail.ARM", "checks the interlocks and arms the rail for the planned shot; the ack"
            + " gives the arm's token", Set.of(Role.OPERATOR), List.of(), Set.of(Mode.NOMINAL),
            (args, who) -> sequencer.arm(who.cause())).with(Trait.TIME_CRITICAL),
        new CommandSpec("rail.FIRE", "fires the arm its token names: the front-end runs the firing table",
            Set.of(Role.RANGE_SAFETY), List.of(ArgSpec.text("arm", List.of())), Set.of(Mode.NOMINAL),
            (args, who) -> {
              if (who.fromSequence()) {
                throw new CommandFailure("rail.FIRE is never run from a stored sequence: it names an arm by a"
                    + " token drawn when the rail was armed");
              }
              return sequencer.fire(args.text("arm"), who.cause());
            },
            (args, sender, checks) -> ArmToken.parse(args.text("arm")).isPresent() ? Optional.empty()
                : Optional.of(new Rejection(Reason.REASON_BAD_ARGUMENT, "argument arm must be the arm's token, 4"
                    + " groups of 4 hex digits (e.g. 9f3c-2a1b-77e0-c4d5) as tlm/rail arm_token and the ARM's ack"
                    + " give it")))
            .with(Trait.TIME_CRITICAL, Trait.NOT_IN_SEQUENCES),
        new CommandSpec("rail.ABORT", "makes the rail SAFE from any state (a shot in flight is disarmed); under a"
            + " range-safety key it also holds the rail SAFE", Set.of(Role.OPERATOR, Role.RANGE_SAFETY), List.of(),
            CommandSpec.ANY_MODE,
            (args, who) -> who.role() == Role.RANGE_SAFETY ? safe(sequencer, rangeSafety, who)
                : sequencer.abort(who.cause())).withSafing(Safing.ALWAYS),
        new CommandSpec("rail.SAFE", "puts the rail in SAFE mode, holds it there and makes it SAFE from any state",
            Set.of(Role.RANGE_SAFETY), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> safe(sequencer, rangeSafety, who)).withSafing(Safing.ALWAYS));
  }

  /**
   * Range safety makes the rail SAFE: held in SAFE mode, then the sequence aborted (each attempted
   * whatever the other did).
   */
  private static String safe(RailSequencer sequencer, RangeSafety rangeSafety, Invocation who) {
    String held;
    try {
      held = rangeSafety.makeSafe("rail", who.keyId(), who.cause());
    } catch (RuntimeException e) {
      sequencer.abort(who.cause());
      throw e;
    }
    return held + "; " + sequencer.abort(who.cause());
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
