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

  /**
   * The rules its parameters must keep together (a minimum below its maximum, a value within the
   * hardware's rating): checked at start against the defaults and the saved values, and by every
   * {@code core.SET_PARAM}. None by default.
   */
  default List<CrossCheck> crossChecks() {
    return List.of();
  }
}
