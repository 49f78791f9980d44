package space.lunarbase.fsw.config;

/**
 * A configuration value the firmware cannot run with. Its message is one line naming the key, the
 * value given and what is allowed, because that line is all an engineer at a board may see.
 */
public final class InvalidConfigException extends RuntimeException {

  private final String key;

  public InvalidConfigException(String key, Object value, String allowed) {
    super("%s=%s is not valid: %s".formatted(key, value == null ? "(missing)" : "'" + value + "'", allowed));
    this.key = key;
  }

  /** A problem that the value alone does not describe: {@code key: detail}. */
  public InvalidConfigException(String key, String detail) {
    super(key + ": " + detail);
    this.key = key;
  }

  /** The configuration key at fault, e.g. {@code hal.mode}. */
  public String key() {
    return key;
  }
}
