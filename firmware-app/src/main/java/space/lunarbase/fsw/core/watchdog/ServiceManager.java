package space.lunarbase.fsw.core.watchdog;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware's side of systemd's service protocol: {@code READY=1} once, then {@code WATCHDOG=1}
 * every half of the unit's watchdog timeout for as long as {@link #alive} is called and
 * {@link #stopWatchdog} has not been. When the notifications stop, systemd kills and restarts the
 * service ({@code Restart=on-failure}). Does nothing when not started by systemd. Called from the
 * watchdog's thread only.
 */
public final class ServiceManager {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceManager.class);

  private final SystemdEnvironment environment;
  private final NotifySender sender;
  private final long intervalNanos;
  private boolean ready;
  private boolean stopped;
  private long lastWatchdog;
  private boolean failing;
  private long watchdogsSent;

  public ServiceManager(SystemdEnvironment environment, NotifySender sender) {
    this.environment = environment;
    this.sender = sender;
    this.intervalNanos = environment.watchdog().map(d -> d.toNanos() / 2).orElse(0L);
  }

  /** How often {@code WATCHDOG=1} goes out, if the unit has a watchdog. */
  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** Sends {@code READY=1}, the first time only. */
  public void ready() {
    if (!ready) {
      ready = true;
      send("READY=1");
    }
  }

  /** The firmware is healthy at {@code realNanos} (System.nanoTime): sends {@code WATCHDOG=1} if due. */
  public void alive(long realNanos) {
    if (stopped || intervalNanos == 0) {
      return;
    }
    if (watchdogsSent == 0 || realNanos - lastWatchdog >= intervalNanos) {
      lastWatchdog = realNanos;
      watchdogsSent++;
      send("WATCHDOG=1");
    }
  }

  /** Stops the watchdog notifications for good, saying why in the unit's status. */
  public void stopWatchdog(String reason) {
    if (!stopped) {
      stopped = true;
      send("STATUS=" + reason.replace('\n', ' '));
    }
  }

  /** Whether {@link #stopWatchdog} was called. */
  public boolean stopped() {
    return stopped;
  }

  /** {@code WATCHDOG=1} notifications sent so far. */
  public long watchdogsSent() {
    return watchdogsSent;
  }

  private void send(String state) {
    if (!environment.notifySocket()) {
      return;
    }
    try {
      sender.send(state);
      failing = false;
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        LOG.warn("cannot notify the service manager ({}): {}", state, e.toString());
      }
      failing = true;
    }
  }
}
