package space.lunarbase.fsw.link;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Role;

/** The link's commands: {@code link.REBIRTH} (operator, any mode) republishes birth, schema and dictionary, as a rebirth request does. */
@Singleton
public final class LinkCommands implements CommandSet {

  private final List<CommandSpec> commands;

  public LinkCommands(RebirthRequests rebirths) {
    this.commands = List.of(
        new CommandSpec("link.REBIRTH", "republishes the birth, schema and dictionary (merged with any pending request)",
            Set.of(Role.OPERATOR), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> {
              rebirths.request();
              return "rebirth requested";
            }));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
