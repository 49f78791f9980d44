package space.lunarbase.fsw.core.rate;

/**
 * What a rate group's thread does to its own scheduling before its first cycle, run on that thread.
 * Returns how the thread runs afterwards, in words for {@code /health} (e.g. {@code SCHED_FIFO 10}).
 * The group's rate rank lets priorities follow rate-monotonic order: 0 for the slowest rate, one
 * more for each faster rate.
 */
@FunctionalInterface
public interface ThreadScheduling {

  /** Leaves the thread as the JVM made it: the kernel's ordinary time sharing. */
  ThreadScheduling ORDINARY = (group, rateRank) -> "SCHED_OTHER";

  /** Applies the scheduling to the calling thread, which runs the group named {@code group}. */
  String applyTo(String group, int rateRank);
}
