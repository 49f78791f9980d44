package space.lunarbase.fsw.core.rate;

/** Told, on the group's thread, when a cycle of a rate group finished after the next deadline. */
@FunctionalInterface
public interface OverrunListener {

  void overrun(Overrun overrun);

  /**
   * One overrun. Times are nanoseconds on the group's clock.
   *
   * @param group the group's name
   * @param cycle the cycle's number since start (1 = the first)
   * @param latenessNanos how late the cycle started
   * @param execNanos how long the cycle took
   * @param periodNanos the group's period
   * @param skipped deadlines skipped to get back on schedule
   */
  record Overrun(String group, long cycle, long latenessNanos, long execNanos, long periodNanos, long skipped) {}
}
