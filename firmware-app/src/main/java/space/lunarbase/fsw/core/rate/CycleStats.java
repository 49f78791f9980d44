package space.lunarbase.fsw.core.rate;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A rate group's rolling statistics, allocated once: lateness and cycle execution time go into
 * HdrHistograms (nanoseconds, 2 significant digits from 1 µs, values above a minute clamped), per-task maxima
 * into arrays. Two windows of {@code windowCycles} cycles each: when the current one is full it
 * becomes the previous one and the older is cleared, so percentiles cover the last one to two
 * windows (maxima are exact). The group's thread records; any thread snapshots. Guarded by this object's monitor
 * (uncontended but for the once-a-second snapshot).
 */
final class CycleStats {

  private static final long HIGHEST_NANOS = 60_000_000_000L;
  private static final int DIGITS = 2;

  private final String[] taskNames;
  private final int[] taskDividers;
  private final long windowCycles;

  private Histogram latenessNow = histogram();
  private Histogram latenessBefore = histogram();
  private Histogram execNow = histogram();
  private Histogram execBefore = histogram();
  private final Histogram latenessReport = histogram();
  private final Histogram execReport = histogram();
  private final Histogram latenessTotal = histogram();
  private long[] taskMaxNow;
  private long[] taskMaxBefore;
  private final long[] taskRuns;
  private final long[] taskFailures;

  private final long[] latenessMax = new long[2];
  private final long[] execMax = new long[2];
  private long cycles;
  private long overruns;
  private long skipped;
  private long clockSteps;

  CycleStats(String[] taskNames, int[] taskDividers, long windowCycles) {
    this.taskNames = taskNames.clone();
    this.taskDividers = taskDividers.clone();
    this.windowCycles = Math.max(1, windowCycles);
    this.taskMaxNow = new long[taskNames.length];
    this.taskMaxBefore = new long[taskNames.length];
    this.taskRuns = new long[taskNames.length];
    this.taskFailures = new long[taskNames.length];
  }

  private static Histogram histogram() {
    return new Histogram(1_000, HIGHEST_NANOS, DIGITS);
  }

  synchronized void task(int index, long execNanos, boolean failed) {
    taskRuns[index]++;
    if (failed) {
      taskFailures[index]++;
    }
    if (execNanos > taskMaxNow[index]) {
      taskMaxNow[index] = execNanos;
    }
  }

  synchronized void cycle(long latenessNanos, long execNanos, boolean overrun, long skippedDeadlines) {
    if (latenessNow.getTotalCount() >= windowCycles) {
      rotate();
    }
    cycles++;
    latenessNow.recordValue(clamp(latenessNanos));
    latenessTotal.recordValue(clamp(latenessNanos));
    execNow.recordValue(clamp(execNanos));
    latenessMax[0] = Math.max(latenessMax[0], latenessNanos);
    execMax[0] = Math.max(execMax[0], execNanos);
    if (overrun) {
      overruns++;
    }
    skipped += skippedDeadlines;
  }

  synchronized void clockStep() {
    clockSteps++;
  }

  private void rotate() {
    Histogram h = latenessBefore;
    latenessBefore = latenessNow;
    latenessNow = h;
    latenessNow.reset();
    h = execBefore;
    execBefore = execNow;
    execNow = h;
    execNow.reset();
    long[] m = taskMaxBefore;
    taskMaxBefore = taskMaxNow;
    taskMaxNow = m;
    java.util.Arrays.fill(taskMaxNow, 0);
    latenessMax[1] = latenessMax[0];
    latenessMax[0] = 0;
    execMax[1] = execMax[0];
    execMax[0] = 0;
  }

  private static long clamp(long nanos) {
    return Math.min(Math.max(nanos, 0), HIGHEST_NANOS);
  }

  /** A copy of every cycle's lateness since start (allocates): subtract two copies for a time window. */
  synchronized Histogram latenessSinceStart() {
    return latenessTotal.copy();
  }

  synchronized long failures(int task) {
    return taskFailures[task];
  }

  synchronized long cycles() {
    return cycles;
  }

  synchronized long overruns() {
    return overruns;
  }

  /** A snapshot; allocates (for telemetry and health, not for the cycle). */
  synchronized RateGroupStatus snapshot(String name, double rateHz) {
    latenessReport.reset();
    latenessReport.add(latenessBefore);
    latenessReport.add(latenessNow);
    execReport.reset();
    execReport.add(execBefore);
    execReport.add(execNow);
    List<TaskStatus> tasks = new ArrayList<>(taskNames.length);
    for (int i = 0; i < taskNames.length; i++) {
      tasks.add(new TaskStatus(taskNames[i], taskDividers[i], taskRuns[i], taskFailures[i],
          Math.max(taskMaxNow[i], taskMaxBefore[i])));
    }
    long lMax = Math.max(latenessMax[0], latenessMax[1]);
    long eMax = Math.max(execMax[0], execMax[1]);
    // a percentile is its bucket's upper bound: never report more than the exact maximum
    return new RateGroupStatus(name, rateHz, cycles, overruns, skipped, clockSteps, latenessReport.getTotalCount(),
        Math.min(latenessReport.getValueAtPercentile(50), lMax), Math.min(latenessReport.getValueAtPercentile(99), lMax),
        Math.min(latenessReport.getValueAtPercentile(99.9), lMax), lMax,
        Math.min(execReport.getValueAtPercentile(50), eMax), Math.min(execReport.getValueAtPercentile(99), eMax), eMax,
        List.copyOf(tasks));
  }
}
