package space.lunarbase.fsw.core.rate;

import java.time.Duration;

/**
 * Whether a rate group is making progress, judged in real time ({@code System.nanoTime()}), not on
 * the injected clock: a group is stuck when its current cycle has run, or (while its clock runs) no
 * cycle has completed, for {@code stuckPeriods} of its periods in real time, and at least
 * {@code minStuck}. A group whose clock stands still (a paused simulation, a manual test clock) is
 * stuck only if a cycle hangs.
 */
public final class Progress {

  private final int stuckPeriods;
  private final long minStuckNanos;

  public Progress(int stuckPeriods, Duration minStuck) {
    this.stuckPeriods = stuckPeriods;
    this.minStuckNanos = minStuck.toNanos();
  }

  /** The real time without progress after which {@code group} is stuck. */
  public long thresholdNanos(RateGroup group) {
    double rate = group.clockRate();
    long periods = rate > 0 ? (long) (stuckPeriods * group.spec().periodNanos() / rate) : 0;
    return Math.max(periods, minStuckNanos);
  }

  /** Whether {@code group} is stuck at {@code realNanos} (a System.nanoTime() reading). */
  public boolean stuck(RateGroup group, long realNanos) {
    long threshold = thresholdNanos(group);
    long started = group.cycleStartedReal();
    if (started != RateGroup.NOT_IN_CYCLE) {
      return realNanos - started > threshold;
    }
    return group.clockRate() > 0 && realNanos - group.lastProgressReal() > threshold;
  }
}
