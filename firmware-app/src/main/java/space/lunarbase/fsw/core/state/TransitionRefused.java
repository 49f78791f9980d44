package space.lunarbase.fsw.core.state;

/**
 * A move its family's table does not allow. The state is unchanged. A family checks its commands
 * first and refuses them with its own reason, so this names a move the family's code should never
 * make.
 */
public final class TransitionRefused extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String from;
  private final String to;

  TransitionRefused(String family, Enum<?> from, Enum<?> to) {
    super(family + ": " + from + " -> " + to + " is not an allowed transition");
    this.from = from.name();
    this.to = to.name();
  }

  /** The state the move was refused in. */
  public String from() {
    return from;
  }

  /** The state it would have entered. */
  public String to() {
    return to;
  }
}
