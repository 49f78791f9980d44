package space.lunarbase.fsw.core.param;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Rejection;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.proto.v1.CommandAck.Reason;

/**
 * {@code core.SET_PARAM(name, value)}: operator or range safety, any mode. {@code name} must be a
 * declared parameter (else REJECTED/BAD_ARGUMENT); {@code value} is text read as the parameter's
 * kind ({@code 12.5}, {@code 3}, {@code true}, or an allowed text). A value of the wrong kind, out of
 * limits or breaking a {@link CrossCheck}, or one that cannot be persisted, ends FAILED with the
 * reason and changes nothing.
 *
 * <p>A parameter read by an interlock ({@link ParamSpec#interlock()}) is protected: under any key but
 * range safety's it is REJECTED WRONG_ROLE (also as a sequence entry, at load), and while the rail
 * is not SAFE ({@link ParameterGate}) REJECTED ILLEGAL_IN_MODE.
 */
@Singleton
public final class ParamCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public ParamCommands(Parameters parameters, ParameterGate gate) {
    this.commands = List.of(new CommandSpec("core.SET_PARAM", "sets a parameter; kept across restarts",
        Set.of(Role.OPERATOR, Role.RANGE_SAFETY),
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
        },
        (args, sender, checks) -> {
          String name = args.text("name");
          if (!parameters.interlock(name) || sender.role() == Role.RANGE_SAFETY) {
            return Optional.empty();
          }
          return Optional.of(new Rejection(Reason.REASON_WRONG_ROLE, name + " is read by an interlock: only a"
              + " range-safety key sets it; key " + sender.keyId() + " is " + sender.role().label()));
        }).when((args, sender) -> {
          String name = args.text("name");
          if (!parameters.interlock(name)) {
            return Optional.empty();
          }
          return gate.closed().map(why -> new Rejection(Reason.REASON_ILLEGAL_IN_MODE, name + " is read by an"
              + " interlock: it changes only while the rail is SAFE; " + why));
        }));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
