package space.lunarbase.fsw.core.command;

import java.util.List;

/**
 * The one place a subsystem declares its commands (a bean per subsystem, e.g. BankCommands). The
 * {@link CommandRegistry} collects every bean of this type.
 */
public interface CommandSet {

  /** This subsystem's commands. */
  List<CommandSpec> commands();
}
