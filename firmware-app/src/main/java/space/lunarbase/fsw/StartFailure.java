package space.lunarbase.fsw;

import space.lunarbase.fsw.config.InvalidConfigException;

/** Turns a failed start into the one line a person at the board needs. */
public final class StartFailure {

  private StartFailure() {}

  /** The {@link InvalidConfigException}'s message if there is one in the chain, else the deepest cause's first line. */
  public static String describe(Throwable failure) {
    Throwable deepest = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigException config) {
        return config.getMessage();
      }
      deepest = t;
    }
    String message = deepest.getMessage();
    return (message == null ? deepest.getClass().getSimpleName() : message).lines().findFirst().orElse("");
  }
}
