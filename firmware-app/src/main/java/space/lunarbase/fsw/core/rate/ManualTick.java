package space.lunarbase.fsw.core.rate;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Tick} that moves only when {@link #advance} is called: for deterministic tests and for
 * stepping a rig. Waiters wake at once when time reaches their deadline. Thread-safe.
 */
public final class ManualTick implements Tick {

  private static final long MAX_WAIT_MILLIS = 50;

  private long now;

  public ManualTick(Instant start) {
    this.now = start.getEpochSecond() * 1_000_000_000L + start.getNano();
  }

  @Override
  public synchronized long nanos() {
    return now;
  }

  /** Now as an instant. */
  public synchronized Instant instant() {
    return Instant.ofEpochSecond(0, now);
  }

  /** Moves time forward by {@code step} (not negative) and wakes waiters whose deadline passed. */
  public synchronized void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("time does not go back: advance by " + step);
    }
    now += step.toNanos();
    notifyAll();
  }

  @Override
  public synchronized void awaitToward(long deadlineNanos) {
    if (now >= deadlineNanos) {
      return;
    }
    try {
      TimeUnit.MILLISECONDS.timedWait(this, MAX_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public double rate() {
    return 0;
  }
}
