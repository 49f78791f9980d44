package space.lunarbase.fsw.link;

import java.time.Duration;

/**
 * When the link tries to connect again. A failed attempt waits twice as long as the one before
 * (from {@code first} up to {@code max}); a lost connection is retried after {@code first}. When
 * another client has taken this controller's client id (MQTT 5 says so; on MQTT 3.1.1 connections
 * that die within {@link #SHORT_LIVED} of being made, {@link #SHORT_STREAK} times in a row), the
 * link backs off from {@code takeoverMin}, doubling up to {@code takeoverMax}, instead of fighting
 * the intruder in a loop; a connection that lasts {@link #STABLE} ends the episode.
 */
final class ReconnectSchedule {

  /** A connection shorter than this may have been taken over (MQTT 3.1.1 cannot say). */
  static final Duration SHORT_LIVED = Duration.ofSeconds(5);
  /** Short-lived connections in a row taken as a takeover. */
  static final int SHORT_STREAK = 2;
  /** A connection that lasts this long ends a takeover episode. */
  static final Duration STABLE = Duration.ofMinutes(1);

  /** What to do after a lost connection. */
  record Decision(Duration delay, boolean takeover, int takeovers) {}

  private final Duration first;
  private final Duration max;
  private final Duration takeoverMin;
  private final Duration takeoverMax;
  private Duration nextFailureWait;
  private Duration takeoverWait;
  private int shortStreak;
  private int takeovers;
  private long connectedAt;

  ReconnectSchedule(Duration first, Duration max, Duration takeoverMin, Duration takeoverMax) {
    this.first = first.compareTo(max) > 0 ? max : first;
    this.max = max;
    this.takeoverMin = takeoverMin;
    this.takeoverMax = takeoverMax;
    this.nextFailureWait = this.first;
  }

  /** A connection was made at {@code nanos} (System.nanoTime). */
  void connected(long nanos) {
    connectedAt = nanos;
    nextFailureWait = first;
  }

  /** An attempt failed: how long to wait before the next. */
  Duration attemptFailed() {
    Duration wait = nextFailureWait;
    Duration doubled = nextFailureWait.multipliedBy(2);
    nextFailureWait = doubled.compareTo(max) > 0 ? max : doubled;
    return wait;
  }

  /** The connection made last was lost at {@code nanos}; {@code takenOver} when the broker said so. */
  Decision lost(long nanos, boolean takenOver) {
    long lived = nanos - connectedAt;
    if (lived >= STABLE.toNanos()) {
      takeoverWait = null;
      shortStreak = 0;
    }
    boolean suspected = takenOver;
    if (lived < SHORT_LIVED.toNanos()) {
      shortStreak++;
      suspected |= shortStreak >= SHORT_STREAK;
    } else {
      shortStreak = 0;
    }
    if (!suspected) {
      return new Decision(first, false, takeovers);
    }
    takeoverWait = takeoverWait == null ? takeoverMin
        : takeoverWait.multipliedBy(2).compareTo(takeoverMax) > 0 ? takeoverMax : takeoverWait.multipliedBy(2);
    takeovers++;
    return new Decision(takeoverWait, true, takeovers);
  }

  /** Takeovers seen since start. */
  int takeovers() {
    return takeovers;
  }
}
