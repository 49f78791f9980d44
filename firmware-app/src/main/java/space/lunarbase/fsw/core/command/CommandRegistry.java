package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every command of every subsystem, by name; built once from the {@link CommandSet} beans. */
@Singleton
public final class CommandRegistry {

  private final Map<String, CommandSpec> commands;

  public CommandRegistry(List<CommandSet> sets) {
    Map<String, CommandSpec> byName = new TreeMap<>();
    for (CommandSet set : sets) {
      for (CommandSpec spec : set.commands()) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
          throw new IllegalStateException("command " + spec.name() + " is declared twice");
        }
      }
    }
    this.commands = java.util.Collections.unmodifiableMap(byName);
  }

  public Optional<CommandSpec> find(String name) {
    return Optional.ofNullable(commands.get(name));
  }

  /** Every declared command, sorted by name. */
  public Map<String, CommandSpec> all() {
    return commands;
  }
}
