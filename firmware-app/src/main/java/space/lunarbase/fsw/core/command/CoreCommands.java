package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;

/**
 * The core's commands: {@code core.NOOP} (F Prime's no-op) and {@code core.SET_MODE}, a safing
 * command ({@link Safing}) when it sets SAFE.
 */
@Singleton
public final class CoreCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public CoreCommands(Modes modes) {
    List<String> modeNames = Arrays.stream(Mode.values()).map(Mode::name).toList();
    this.commands = List.of(
        new CommandSpec("core.NOOP", "does nothing; proves the command path end to end",
            Set.of(Role.OPERATOR, Role.RANGE_SAFETY), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> "no-op"),
        new CommandSpec("core.SET_MODE", "puts a subsystem in SAFE, NOMINAL or MAINTENANCE",
            Set.of(Role.OPERATOR),
            List.of(ArgSpec.text("subsystem", Modes.SUBSYSTEMS), ArgSpec.text("mode", modeNames)),
            CommandSpec.ANY_MODE,
            (args, who) -> {
              String subsystem = args.text("subsystem");
              Mode mode = Mode.valueOf(args.text("mode"));
              Mode before = modes.set(subsystem, mode, who.cause());
              return subsystem + " " + before + " -> " + mode;
            }).withSafing(Safing.whenText("mode", Mode.SAFE.name())));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
