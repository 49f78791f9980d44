package space.lunarbase.hal;

import java.util.Objects;

/**
 * A hardware error of one named device: it did not answer, answered with the wrong identity, or
 * did not keep what was written to it. Drivers turn every bus error into this type, so callers
 * catch one thing and can report which device failed.
 */
public class DeviceException extends RuntimeException {

  private final String device;

  public DeviceException(String device, String message) {
    super(Objects.requireNonNull(device, "device") + ": " + message);
    this.device = device;
  }

  public DeviceException(String device, String message, Throwable cause) {
    super(Objects.requireNonNull(device, "device") + ": " + message, cause);
    this.device = device;
  }

  /**
   * The innermost cause as "Type message": Pi4J wraps a bus error once (our providers) or twice
   * (linuxfs), so drivers report the root rather than depend on the depth.
   */
  public static String rootMessage(Throwable e) {
    Throwable root = e;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 8; depth++) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
  }

  /** The name of the device that failed, as configured (for example {@code bank-a/ina226}). */
  public String device() {
    return device;
  }
}
