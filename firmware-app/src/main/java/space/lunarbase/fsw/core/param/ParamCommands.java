package space.lunarbase.fsw.core.param;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Role;

/**
 * {@code core.SET_PARAM(name, value)}: operator, any mode. {@code name} must be a declared
 * parameter (else REJECTED/BAD_ARGUMENT); {@code value} is text read as the parameter's kind
 * ({@code 12.5}, {@code 3}, {@code true}, or an allowed text). A value of the wrong kind or out of
 * limits, or one that cannot be persisted, ends FAILED with the reason and changes nothing.
 */
@Singleton
public final class ParamCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public ParamCommands(Parameters parameters) {
    this.commands = List.of(new CommandSpec("core.SET_PARAM", "sets a parameter; kept across restarts",
        Set.of(Role.OPERATOR),
        List.of(ArgSpec.text("name", parameters.names()), ArgSpec.text("value", List.of())),
        CommandSpec.ANY_MODE,
        (args, who) -> {
          try {
            Parameters.Entry set = parameters.set(args.text("name"), args.text("value"), who.cause());
            String unit = set.spec().value().unit();
            return set.spec().name() + " = " + ParamSpec.format(set.value()) + (unit.isEmpty() ? "" : " " + unit);
          } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
          } catch (IOException e) {
            throw new CommandFailure("could not persist the parameter, unchanged: " + e.getMessage());
          }
        }));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
