package space.lunarbase.fsw.core.rate;

/**
 * The injected timeline as a rate group sees it: what time it is, and a bounded wait toward a
 * deadline. Times are nanoseconds since the epoch on the injected clock, so reading them allocates
 * nothing. {@link ClockTick} follows an {@code InstantSource} (the system clock, or the simulation
 * clock running faster than real time); {@link ManualTick} moves only when a test steps it.
 */
public interface Tick {

  /** Now on the injected clock, nanoseconds since the epoch. */
  long nanos();

  /**
   * Waits toward {@code deadlineNanos}, for at most a short bounded slice of real time; returns at
   * the deadline, earlier, or when the thread is interrupted. The caller re-reads {@link #nanos}
   * and waits again, so a wait never outlives a stop request by more than one slice.
   */
  void awaitToward(long deadlineNanos);

  /** Injected seconds per real second: 1 for the system clock, 0 when time only moves by hand. */
  double rate();
}
