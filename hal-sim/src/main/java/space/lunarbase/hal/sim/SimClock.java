package space.lunarbase.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Injected time for simulations. A manual clock stands still until {@link #advance(Duration)};
 * a running clock follows the JVM's monotonic clock times a rate (1 = real time, 3600 = an hour
 * per second), plus any advance. A manual clock is a running clock at rate 0. Thread-safe.
 */
public final class SimClock implements InstantSource {

  private final LongSupplier nanoTime;
  private Instant anchor;
  private long anchorNanos;
  private double rate;

  SimClock(Instant start, double rate, LongSupplier nanoTime) {
    this.anchor = Objects.requireNonNull(start, "start");
    this.rate = checkRate(rate);
    this.nanoTime = nanoTime;
    this.anchorNanos = nanoTime.getAsLong();
  }

  /** A clock at {@code start} that moves only by {@link #advance(Duration)}. */
  public static SimClock manual(Instant start) {
    return new SimClock(start, 0, System::nanoTime);
  }

  /** A clock at {@code start} that runs at {@code rate} times real time. */
  public static SimClock running(Instant start, double rate) {
    return new SimClock(start, rate, System::nanoTime);
  }

  @Override
  public synchronized Instant instant() {
    if (rate == 0) {
      return anchor;
    }
    double elapsedNanos = (nanoTime.getAsLong() - anchorNanos) * rate;
    return anchor.plusNanos((long) elapsedNanos);
  }

  /** Moves the clock forward by {@code step} (not negative). */
  public synchronized void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: advance by " + step);
    }
    rebase();
    anchor = anchor.plus(step);
  }

  /** Changes the rate from now on; 0 stops the clock. */
  public synchronized void setRate(double rate) {
    checkRate(rate);
    rebase();
    this.rate = rate;
  }

  public synchronized double rate() {
    return rate;
  }

  private void rebase() {
    Instant now = instant();
    anchorNanos = nanoTime.getAsLong();
    anchor = now;
  }

  private static double checkRate(double rate) {
    if (!(rate >= 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("clock rate must be finite and >= 0, was " + rate);
    }
    return rate;
  }

  @Override
  public synchronized String toString() {
    return "SimClock[" + instant() + ", rate " + rate + "]";
  }
}
