package space.lunarbase.fsw.core.mode;

/** A {@link ModeGuard} refused a mode change; the message says why (a command reports it as FAILED). */
public final class ModeRefused extends IllegalStateException {

  public ModeRefused(String message) {
    super(message);
  }
}
