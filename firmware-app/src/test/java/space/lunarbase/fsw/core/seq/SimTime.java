package space.lunarbase.fsw.core.seq;

import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import space.lunarbase.fsw.core.rate.RateGroup;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.hal.sim.SimClock;

/**
 * The firmware's simulation clock, stopped and moved by hand: {@link #advance} steps it 10 ms at a
 * time (one period of the fastest group) and waits, at each step, for every rate group whose
 * deadline the step reached to finish that cycle. So a task such as the sequence scheduler runs
 * exactly at its grid points and sees the clock there, as it would at real time.
 */
final class SimTime {

  static final Duration STEP = Duration.ofMillis(10);

  private final SimClock clock;
  private final RateGroupDriver driver;

  SimTime(ApplicationContext firmware) {
    this.clock = firmware.getBean(SimClock.class);
    this.driver = firmware.getBean(RateGroupDriver.class);
    clock.setRate(0);
    await("rate groups started").atMost(Duration.ofSeconds(10)).until(() -> !driver.groups().isEmpty());
  }

  Instant now() {
    return clock.instant();
  }

  /** Moves the clock on by {@code total} (a whole number of steps), one step at a time. */
  void advance(Duration total) {
    long steps = total.toNanos() / STEP.toNanos();
    if (steps * STEP.toNanos() != total.toNanos()) {
      throw new IllegalArgumentException("advance by whole steps of " + STEP + ", not " + total);
    }
    for (long i = 0; i < steps; i++) {
      step();
    }
  }

  /** Moves the clock on to the first 10 ms grid point at or after {@code time} plus {@code extra}. */
  void advanceTo(Instant time) {
    while (clock.instant().isBefore(time)) {
      step();
    }
  }

  /** One step; returns how many groups ran a cycle in it (1 = only the fastest). */
  int step() {
    List<RateGroup> groups = driver.groups();
    long before = nanos(clock.instant());
    long after = before + STEP.toNanos();
    long[] cycles = new long[groups.size()];
    boolean[] due = new boolean[groups.size()];
    for (int i = 0; i < groups.size(); i++) {
      long period = groups.get(i).spec().periodNanos();
      cycles[i] = groups.get(i).cycles();
      due[i] = Math.floorDiv(after, period) > Math.floorDiv(before, period);
    }
    clock.advance(STEP);
    int ran = 0;
    for (int i = 0; i < groups.size(); i++) {
      if (due[i]) {
        ran++;
        RateGroup group = groups.get(i);
        long was = cycles[i];
        await(group.name() + " cycle").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(1)).until(() -> group.cycles() > was);
      }
    }
    return ran;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
