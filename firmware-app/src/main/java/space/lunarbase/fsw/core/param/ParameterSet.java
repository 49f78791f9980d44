package space.lunarbase.fsw.core.param;

import java.util.List;

/**
 * The one place a subsystem declares its parameters (a bean per subsystem, e.g. BankParameters),
 * as {@link space.lunarbase.fsw.core.command.CommandSet} does for commands. {@link Parameters}
 * collects every bean of this type.
 */
public interface ParameterSet {

  /** This subsystem's parameters. */
  List<ParamSpec> parameters();
}
