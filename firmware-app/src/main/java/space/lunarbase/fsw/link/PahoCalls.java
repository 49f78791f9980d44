package space.lunarbase.fsw.link;

import java.time.Duration;

/** What both Paho ports share: how a failure reads, and how a caller's timeout maps to Paho's. */
final class PahoCalls {

  private PahoCalls() {}

  /** A one-line reason for {@code cause}: its message, with its own cause's when that says more. */
  static String describe(Throwable cause) {
    if (cause == null) {
      return "unknown cause";
    }
    String message = cause.getMessage();
    Throwable root = cause.getCause();
    String why = root != null && root.getMessage() != null && !root.getMessage().equals(message)
        ? message + " (" + root.getMessage() + ")" : message;
    return why == null ? cause.getClass().getSimpleName() : why;
  }

  /** {@code timeout} in milliseconds for a token's wait, at least 1 (0 or less would mean no limit). */
  static long waitMillis(Duration timeout) {
    return Math.max(1, timeout.toMillis());
  }

  /** Half of {@code timeout}, at least 1 ms: how long a disconnect lets in-flight work finish. */
  static long quiesceMillis(Duration timeout) {
    return Math.max(1, timeout.toMillis() / 2);
  }
}
