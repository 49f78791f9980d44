package space.lunarbase.fsw.core.rate;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rate group: a dedicated platform thread (max priority, and the {@link ThreadScheduling} it
 * applies to itself before its first cycle) that runs its tasks once per period of the injected
 * clock. Deadlines lie on a grid of whole periods since the epoch of the injected
 * clock, so groups of related rates run in phase and a task that runs every N cycles runs at
 * multiples of N periods. Each cycle measures its lateness (start minus deadline), each task's and
 * the whole cycle's execution time, on the group's {@link Tick}.
 *
 * <p>Overruns: a cycle that finishes after the next deadline is an overrun. The group then SKIPS
 * the deadlines it missed (counted) and waits for the first one still ahead: it never runs
 * back-to-back cycles to catch up, which would hand stale cycle times to control loops and starve
 * other threads. A task due on a skipped cycle runs on the next cycle the group does run, once.
 *
 * <p>The first cycle runs at once, in the grid slot the group starts in, stamped with the time it
 * starts (not lateness: the group was not waiting for it), when at least half a period is left
 * before the next grid point; otherwise it waits for that grid point. So a task due at start (the
 * first telemetry frame, say) waits at most half a period, not a whole one, and no two cycles are
 * closer than half a period.
 *
 * <p>If the clock goes back by more than two periods (a step of the system clock), the schedule is
 * re-anchored at the next grid point after now, and counted.
 */
public final class RateGroup {

  private static final Logger LOG = LoggerFactory.getLogger(RateGroup.class);

  private final RateGroupSpec spec;
  private final long period;
  private final Tick tick;
  private final RateGroupTask[] tasks;
  private final int[] dividers;
  private final long[] nextDue;
  private final boolean[] firstAtStart;
  private final CycleStats stats;
  private final OverrunListener overruns;
  private final ThreadScheduling scheduling;
  private final int rateRank;
  /** How the group's thread runs, once it has started: see {@link ThreadScheduling}. */
  private volatile String schedulingApplied = "not started";

  private volatile boolean running;
  /** System.nanoTime() when the running cycle began, or NOT_IN_CYCLE: for the watchdog. */
  private volatile long cycleStartedReal = NOT_IN_CYCLE;
  /** System.nanoTime() of the last progress (start, or end of a cycle): for the watchdog. */
  private volatile long lastProgressReal;
  private Thread thread;

  static final long NOT_IN_CYCLE = Long.MIN_VALUE;

  /** One registration: a task that runs every {@code every} cycles, first at start or one interval later. */
  record Entry(RateGroupTask task, int every, boolean firstAtStart) {}

  RateGroup(RateGroupSpec spec, Tick tick, List<Entry> entries, OverrunListener overruns,
            ThreadScheduling scheduling, int rateRank) {
    this.spec = spec;
    this.scheduling = scheduling;
    this.rateRank = rateRank;
    this.period = spec.periodNanos();
    this.tick = tick;
    this.overruns = overruns;
    int n = entries.size();
    this.tasks = new RateGroupTask[n];
    this.dividers = new int[n];
    this.nextDue = new long[n];
    this.firstAtStart = new boolean[n];
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      tasks[i] = entries.get(i).task();
      dividers[i] = entries.get(i).every();
      firstAtStart[i] = entries.get(i).firstAtStart();
      names[i] = tasks[i].name();
    }
    // a window of 10 s of cycles, at least 100: p99.9 means something at 100 Hz and up
    this.stats = new CycleStats(names, dividers, Math.max(100, Math.round(spec.rateHz() * 10)));
    this.lastProgressReal = System.nanoTime();
  }

  public String name() {
    return spec.name();
  }

  public RateGroupSpec spec() {
    return spec;
  }

  /** How the group's thread is scheduled, e.g. {@code SCHED_FIFO 10}, or why not as configured. */
  public String scheduling() {
    return schedulingApplied;
  }

  /** Cycles run since start. */
  public long cycles() {
    return stats.cycles();
  }

  /** Cycles that finished after the next deadline. */
  public long overruns() {
    return stats.overruns();
  }

  /** A snapshot of the statistics (allocates). */
  public RateGroupStatus status() {
    return stats.snapshot(spec.name(), spec.rateHz());
  }

  /**
   * A copy of the lateness (nanoseconds) of every cycle since start, for measurements over a chosen
   * window: take one before and one after, and {@code after.subtract(before)}. Allocates.
   */
  public org.HdrHistogram.Histogram latenessSinceStart() {
    return stats.latenessSinceStart();
  }

  /** System.nanoTime() when the running cycle began, or {@link #NOT_IN_CYCLE} between cycles. */
  long cycleStartedReal() {
    return cycleStartedReal;
  }

  /** System.nanoTime() of the group's last start or cycle end. */
  long lastProgressReal() {
    return lastProgressReal;
  }

  /** The group's clock rate (injected seconds per real second). */
  double clockRate() {
    return tick.rate();
  }

  synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("rate group " + spec.name() + " already started");
    }
    running = true;
    lastProgressReal = System.nanoTime();
    thread = Thread.ofPlatform().name("rate-" + spec.name()).daemon(true).priority(Thread.MAX_PRIORITY)
        .unstarted(this::loop);
    thread.start();
  }

  /** Asks the thread to stop and waits for it up to {@code waitMillis}; returns whether it ended. */
  synchronized boolean stop(long waitMillis) {
    running = false;
    if (thread == null) {
      return true;
    }
    thread.interrupt();
    try {
      thread.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  private void loop() {
    schedulingApplied = scheduling.applyTo(spec.name(), rateRank);
    long started = tick.nanos();
    long gridPoint = gridAfter(started);
    boolean atOnce = 2 * (gridPoint - started) >= period;
    long slot = atOnce ? gridPoint - period : gridPoint;
    long first = Math.floorDiv(slot, period);
    for (int i = 0; i < tasks.length; i++) {
      nextDue[i] = firstAtStart[i] ? first : first + dividers[i];
    }
    long deadline = atOnce && running ? cycle(slot, started, started) : slot;
    while (running) {
      long now = tick.nanos();
      while (running && now < deadline) {
        if (deadline - now > 2 * period) {
          // the clock went back: start again from here rather than wait out the step
          stats.clockStep();
          deadline = gridAfter(now);
        }
        tick.awaitToward(deadline);
        now = tick.nanos();
      }
      if (!running) {
        break;
      }
      deadline = cycle(deadline, now, deadline);
    }
  }

  /**
   * Runs the cycle of the grid slot {@code deadline} that starts at {@code start}, its tasks told
   * {@code scheduled} (the deadline, or the start for the first cycle); returns the next deadline.
   */
  private long cycle(long deadline, long start, long scheduled) {
    cycleStartedReal = System.nanoTime();
    long index = Math.floorDiv(deadline, period);
    Instant cycleTime = Instant.ofEpochSecond(0, scheduled);
    long mark = start;
    for (int i = 0; i < tasks.length; i++) {
      if (index < nextDue[i]) {
        continue;
      }
      nextDue[i] = (Math.floorDiv(index, dividers[i]) + 1) * dividers[i];
      boolean failed = false;
      try {
        tasks[i].run(cycleTime);
      } catch (RuntimeException e) {
        failed = true;
        logFailure(i, e);
      }
      long end = tick.nanos();
      stats.task(i, end - mark, failed);
      mark = end;
    }
    long end = mark;
    long next = deadline + period;
    boolean overrun = end > next;
    long skipped = 0;
    if (overrun) {
      skipped = (end - deadline) / period;
      next = deadline + (skipped + 1) * period;
    }
    stats.cycle(start - scheduled, end - start, overrun, skipped);
    lastProgressReal = System.nanoTime();
    cycleStartedReal = NOT_IN_CYCLE;
    if (overrun) {
      try {
        overruns.overrun(new OverrunListener.Overrun(spec.name(), stats.cycles(), start - scheduled, end - start, period,
            skipped));
      } catch (RuntimeException e) {
        LOG.error("rate group {}: overrun listener failed: {}", spec.name(), e.toString(), e);
      }
    }
    return next;
  }

  private void logFailure(int index, RuntimeException e) {
    long failures = stats.failures(index) + 1;
    // the first failure and then at powers of two, so a task failing at 1 kHz does not flood the log
    if (Long.bitCount(failures) == 1) {
      LOG.error("rate group {}: task {} failed ({} failures so far): {}", spec.name(), tasks[index].name(),
          failures, e.toString(), e);
    }
  }

  /** The first grid point strictly after {@code nanos}. */
  private long gridAfter(long nanos) {
    return (Math.floorDiv(nanos, period) + 1) * period;
  }

  @Override
  public String toString() {
    return "RateGroup[" + spec.name() + " " + spec.rateHz() + " Hz]";
  }
}
