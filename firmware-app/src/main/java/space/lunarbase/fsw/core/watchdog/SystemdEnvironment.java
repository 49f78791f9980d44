package space.lunarbase.fsw.core.watchdog;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What systemd told the process in its environment: whether it wants notifications
 * ({@code NOTIFY_SOCKET}) and how often it expects {@code WATCHDOG=1} ({@code WATCHDOG_USEC}, for
 * this process if {@code WATCHDOG_PID} names it or is absent).
 *
 * @param notifySocket whether {@code NOTIFY_SOCKET} is set
 * @param watchdog the unit's watchdog timeout, if it has one for this process
 */
public record SystemdEnvironment(boolean notifySocket, Optional<Duration> watchdog) {

  /** Not started by systemd: nothing is sent. */
  public static final SystemdEnvironment NONE = new SystemdEnvironment(false, Optional.empty());

  /** Reads {@code env} (normally {@link System#getenv()}) for the process {@code pid}. */
  public static SystemdEnvironment from(Map<String, String> env, long pid) {
    String socket = env.get("NOTIFY_SOCKET");
    if (socket == null || socket.isBlank()) {
      return NONE;
    }
    String usec = env.get("WATCHDOG_USEC");
    String forPid = env.get("WATCHDOG_PID");
    Optional<Duration> watchdog = Optional.empty();
    if (usec != null && (forPid == null || forPid.equals(Long.toString(pid)))) {
      try {
        long micros = Long.parseLong(usec.trim());
        watchdog = micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
      } catch (NumberFormatException e) {
        watchdog = Optional.empty();
      }
    }
    return new SystemdEnvironment(true, watchdog);
  }
}
