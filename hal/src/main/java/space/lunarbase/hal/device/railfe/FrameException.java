package space.lunarbase.hal.device.railfe;

/** A transaction whose response failed the spec's checks: CRC, echo, or a refusal code. */
public final class FrameException extends RuntimeException {

  /** What was wrong with the response. */
  public enum Kind { CRC, ECHO, REFUSED }

  private final Kind kind;

  public FrameException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
