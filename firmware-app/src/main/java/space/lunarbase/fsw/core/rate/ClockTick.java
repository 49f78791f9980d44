package space.lunarbase.fsw.core.rate;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;

/**
 * A {@link Tick} on an {@link InstantSource} that runs {@code rate} times faster than real time (1
 * for the system clock, {@code hal.sim-clock-rate} for the simulation clock). A wait converts the
 * injected time left into real time by dividing by the rate the clock reports now, and parks for
 * that long, at most {@link #MAX_SLICE_NANOS}; while the clock reports rate 0 (stopped, or a manual
 * simulation clock) it polls every {@link #POLL_NANOS}. So a rate change or a clock that is stepped
 * takes effect within one slice.
 */
public final class ClockTick implements Tick {

  /** The longest single park: bounds how stale a wait can get if the clock changes rate. */
  static final long MAX_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** The poll interval while the clock stands still. */
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final InstantSource clock;
  private final DoubleSupplier rate;

  /** {@code rate} is read at every wait: injected seconds per real second, 0 or more. */
  public ClockTick(InstantSource clock, DoubleSupplier rate) {
    this.clock = clock;
    this.rate = rate;
  }

  /** The system clock, at real time. */
  public static ClockTick system() {
    return new ClockTick(InstantSource.system(), () -> 1.0);
  }

  @Override
  public long nanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public void awaitToward(long deadlineNanos) {
    long remaining = deadlineNanos - nanos();
    if (remaining <= 0) {
      return;
    }
    double r = rate.getAsDouble();
    long park = r > 0 ? Math.min((long) Math.ceil(remaining / r), MAX_SLICE_NANOS) : POLL_NANOS;
    LockSupport.parkNanos(Math.max(park, 1));
  }

  @Override
  public double rate() {
    return Math.max(0, rate.getAsDouble());
  }
}
