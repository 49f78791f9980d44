package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.mode.RangeSafety;
import space.lunarbase.proto.v1.CommandAck.Reason;

/**
 * The core's commands: {@code core.NOOP} (F Prime's no-op), {@code core.SET_MODE} (a safing command,
 * {@link Safing}, when it sets SAFE) and {@code core.RELEASE_HOLD}.
 *
 * <p>{@code core.SET_MODE} under a range-safety key to SAFE holds the subsystem there (see
 * {@link space.lunarbase.fsw.core.mode.RangeSafetyHolds}); to another mode it releases a hold first.
 * Under an operator key it only changes the mode, and leaving SAFE while range safety holds the
 * subsystem is refused HELD. {@code core.RELEASE_HOLD} (range safety) releases a hold and leaves the
 * mode as it is, for the operator to bring the subsystem up.
 */
@Singleton
public final class CoreCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public CoreCommands(Modes modes, RangeSafety rangeSafety) {
    List<String> modeNames = Arrays.stream(Mode.values()).map(Mode::name).toList();
    this.commands = List.of(
        new CommandSpec("core.NOOP", "does nothing; proves the command path end to end",
            Set.of(Role.OPERATOR, Role.RANGE_SAFETY), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> "no-op"),
        new CommandSpec("core.SET_MODE", "puts a subsystem in SAFE, NOMINAL or MAINTENANCE; range safety's SAFE"
            + " holds it there", Set.of(Role.OPERATOR, Role.RANGE_SAFETY),
            List.of(ArgSpec.text("subsystem", Modes.SUBSYSTEMS), ArgSpec.text("mode", modeNames)),
            CommandSpec.ANY_MODE,
            (args, who) -> {
              String subsystem = args.text("subsystem");
              Mode mode = Mode.valueOf(args.text("mode"));
              if (who.role() == Role.RANGE_SAFETY) {
                return rangeSafety.setMode(subsystem, mode, who.keyId(), who.cause());
              }
              Mode before = modes.set(subsystem, mode, who.cause());
              return subsystem + " " + before + " -> " + mode;
            }).when((args, sender) -> held(rangeSafety, args.text("subsystem"), Mode.valueOf(args.text("mode")),
                sender)).withSafing(Safing.whenText("mode", Mode.SAFE.name())),
        new CommandSpec("core.RELEASE_HOLD", "releases range safety's hold on a subsystem (its mode stays)",
            Set.of(Role.RANGE_SAFETY), List.of(ArgSpec.text("subsystem", Modes.SUBSYSTEMS)), CommandSpec.ANY_MODE,
            (args, who) -> rangeSafety.release(args.text("subsystem"), who.keyId(), who.cause())));
  }

  /** HELD: an operator taking a held subsystem out of SAFE. */
  static Optional<Rejection> held(RangeSafety rangeSafety, String subsystem, Mode mode, ContentCheck.Sender sender) {
    if (sender.role() == Role.RANGE_SAFETY || mode == Mode.SAFE) {
      return Optional.empty();
    }
    return rangeSafety.holds().of(subsystem).map(hold -> new Rejection(Reason.REASON_HELD, subsystem + " is "
        + hold.describe() + "; only a range-safety key releases it (core.RELEASE_HOLD subsystem=" + subsystem
        + ", or its own core.SET_MODE)"));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
