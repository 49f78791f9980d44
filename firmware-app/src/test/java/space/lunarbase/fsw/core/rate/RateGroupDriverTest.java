package space.lunarbase.fsw.core.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.fsw.config.InvalidConfigException;

/** The driver on a manual clock: which cycles run which tasks, lateness, overruns, failures. */
class RateGroupDriverTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration MS = Duration.ofMillis(1);

  final ManualTick tick = new ManualTick(T0);
  final List<String> overruns = new CopyOnWriteArrayList<>();
  final RateGroupDriver driver = new RateGroupDriver(
      List.of(new RateGroupSpec("fast", 100), new RateGroupSpec("slow", 10)), tick,
      o -> overruns.add(o.group() + " cycle=" + o.cycle() + " exec=" + o.execNanos() + " period=" + o.periodNanos()
          + " skipped=" + o.skipped()));

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void tasksRunOnTheirGroupAtTheirCyclesWithTheScheduledTime() {
    List<Instant> everyCycle = new CopyOnWriteArrayList<>();
    List<Instant> every30ms = new CopyOnWriteArrayList<>();
    List<Instant> every200ms = new CopyOnWriteArrayList<>();
    driver.onEveryCycle("fast", RateGroupTask.of("every-cycle", everyCycle::add));
    assertThat(driver.every(Duration.ofMillis(30), "test.a", RateGroupTask.of("every-30ms", every30ms::add)))
        .isEqualTo("fast");
    assertThat(driver.every(Duration.ofMillis(200), "test.b", RateGroupTask.of("every-200ms", every200ms::add)))
        .as("the slowest group that divides the period").isEqualTo("slow");

    driver.start();
    RateGroup fast = driver.groups().getFirst();
    RateGroup slow = driver.groups().getLast();
    for (int i = 1; i <= 7; i++) {
      awaitCycles(fast, i);
      tick.advance(Duration.ofMillis(10));
    }
    awaitCycles(fast, 8);
    awaitCycles(slow, 1);

    assertThat(everyCycle).containsExactly(times(0, 10, 20, 30, 40, 50, 60, 70));
    assertThat(every30ms).containsExactly(times(0, 30, 60));
    assertThat(every200ms).containsExactly(times(0));
    RateGroupStatus status = fast.status();
    assertThat(status.cycles()).isEqualTo(8);
    assertThat(status.overruns()).isZero();
    assertThat(status.latenessMax()).isZero();
    assertThat(status.tasks()).extracting(TaskStatus::name, TaskStatus::everyCycles, TaskStatus::runs)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("every-cycle", 1, 8L),
            org.assertj.core.groups.Tuple.tuple("every-30ms", 3, 3L));
  }

  @Test
  void startedBetweenGridPointsTheFirstCycleRunsAtOnceIfHalfAPeriodIsLeftElseOnTheGrid() {
    List<Instant> fastCycles = new CopyOnWriteArrayList<>();
    List<Instant> every30ms = new CopyOnWriteArrayList<>();
    List<Instant> oneIntervalOn = new CopyOnWriteArrayList<>();
    List<Instant> slowCycles = new CopyOnWriteArrayList<>();
    driver.onEveryCycle("fast", RateGroupTask.of("every-cycle", fastCycles::add));
    driver.every(Duration.ofMillis(30), "test.a", RateGroupTask.of("every-30ms", every30ms::add));
    driver.every(Duration.ofMillis(30), "test.b", RateGroupTask.of("one-interval-on", oneIntervalOn::add), false);
    driver.onEveryCycle("slow", RateGroupTask.of("slow-cycle", slowCycles::add));
    // 6 ms of the fast period (10 ms) left before its grid point at 70 ms: at least half, so at once;
    // 36 ms of the slow period (100 ms) left before 100 ms: less than half, so on the grid
    tick.advance(Duration.ofMillis(64));

    driver.start();
    RateGroup fast = driver.groups().getFirst();
    RateGroup slow = driver.groups().getLast();
    awaitCycles(fast, 1);
    assertThat(fastCycles).as("not held back to the grid point at 70 ms").containsExactly(times(64));
    assertThat(every30ms).as("due at start: runs in the first cycle").containsExactly(times(64));

    tick.advance(Duration.ofMillis(6));
    awaitCycles(fast, 2);
    for (int i = 3; i <= 5; i++) {
      tick.advance(Duration.ofMillis(10));
      awaitCycles(fast, i);
    }
    awaitCycles(slow, 1);

    assertThat(fastCycles).containsExactly(times(64, 70, 80, 90, 100));
    assertThat(every30ms).as("then at whole multiples of 30 ms again").containsExactly(times(64, 90));
    assertThat(oneIntervalOn).as("one interval after the slot it started in").containsExactly(times(90));
    assertThat(slowCycles).as("less than half its period was left: the first cycle on the grid")
        .containsExactly(times(100));
    assertThat(fast.status().latenessMax()).as("the first cycle was not waiting: not late").isZero();
    assertThat(slow.status().latenessMax()).isZero();
    assertThat(overruns).isEmpty();
  }

  @Test
  void latenessIsTheStartMinusTheScheduledTime() {
    driver.onEveryCycle("fast", RateGroupTask.of("noop", t -> { }));
    driver.start();
    RateGroup fast = driver.groups().getFirst();
    awaitCycles(fast, 1);

    tick.advance(Duration.ofMillis(13)); // the 10 ms deadline is passed by 3 ms before the group sees it
    awaitCycles(fast, 2);

    RateGroupStatus status = fast.status();
    assertThat(status.latenessMax()).isEqualTo(3_000_000L);
    assertThat(status.latenessP99()).as("3 ms at 2 significant digits").isBetween(3_000_000L, 3_050_000L);
    assertThat(status.latenessP50()).as("0, in the histogram's first bucket").isLessThan(1_000L);
    assertThat(status.overruns()).as("finished before the next deadline").isZero();
  }

  @Test
  void aCycleThatEndsAfterTheNextDeadlineIsAnOverrunItsMissedDeadlinesAreSkipped() {
    List<Instant> cycles = new CopyOnWriteArrayList<>();
    driver.onEveryCycle("fast", RateGroupTask.of("slow-once", t -> {
      cycles.add(t);
      if (t.equals(T0.plusMillis(10))) {
        tick.advance(Duration.ofMillis(25)); // this run takes 25 ms of a 10 ms period
      }
    }));
    driver.start();
    RateGroup fast = driver.groups().getFirst();
    awaitCycles(fast, 1);
    tick.advance(Duration.ofMillis(10));
    awaitCycles(fast, 2); // now T0+35ms: deadlines 20 and 30 are gone
    tick.advance(Duration.ofMillis(5));
    awaitCycles(fast, 3);

    assertThat(cycles).as("skips, does not catch up").containsExactly(times(0, 10, 40));
    RateGroupStatus status = fast.status();
    assertThat(status.overruns()).isEqualTo(1);
    assertThat(status.skipped()).isEqualTo(2);
    assertThat(status.execMax()).isEqualTo(25_000_000L);
    assertThat(status.tasks().getFirst().execMaxNanos()).isEqualTo(25_000_000L);
    assertThat(overruns).containsExactly("fast cycle=2 exec=25000000 period=10000000 skipped=2");
  }

  @Test
  void aTaskDueOnASkippedCycleRunsOnceOnTheNextCycleRun() {
    List<Instant> every20ms = new CopyOnWriteArrayList<>();
    driver.onEveryCycle("fast", RateGroupTask.of("hog", t -> {
      if (t.equals(T0.plusMillis(10))) {
        tick.advance(Duration.ofMillis(25));
      }
    }));
    driver.every(Duration.ofMillis(20), "test.c", RateGroupTask.of("every-20ms", every20ms::add));
    driver.start();
    RateGroup fast = driver.groups().getFirst();
    awaitCycles(fast, 1);
    tick.advance(Duration.ofMillis(10));
    awaitCycles(fast, 2);
    tick.advance(Duration.ofMillis(5));
    awaitCycles(fast, 3);

    assertThat(every20ms).as("due at 20 and 40; 20 was skipped: it runs at 40, once")
        .containsExactly(times(0, 40));
  }

  @Test
  void aTaskThatThrowsIsCountedAndTheGroupGoesOn() {
    driver.onEveryCycle("fast", RateGroupTask.of("broken", t -> {
      throw new IllegalStateException("sensor gone");
    }));
    driver.start();
    RateGroup fast = driver.groups().getFirst();
    awaitCycles(fast, 1);
    tick.advance(Duration.ofMillis(10));
    awaitCycles(fast, 2);

    assertThat(fast.status().tasks().getFirst().failures()).isEqualTo(2);
  }

  @Test
  void tasksAreRegisteredAtStartUpOnlyAndOnAPeriodSomeGroupDivides() {
    assertThatThrownBy(() -> driver.every(Duration.ofMillis(15), "lunarbase.bank.sample-period",
        RateGroupTask.of("odd", t -> { })))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("lunarbase.bank.sample-period='PT0.015S' is not valid: no rate group runs at a whole"
            + " fraction of it (groups: fast=100.0Hz (PT0.01S), slow=10.0Hz (PT0.1S))");
    driver.start();
    assertThatThrownBy(() -> driver.onEveryCycle("fast", RateGroupTask.of("late", t -> { })))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("start-up only");
    assertThatThrownBy(() -> driver.onEveryCycle("nope", RateGroupTask.of("x", t -> { })))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeStopsEveryGroupThread() {
    driver.start();
    driver.close();
    assertThat(driver.running()).isFalse();
    long before = driver.groups().getFirst().cycles();
    tick.advance(Duration.ofSeconds(1));
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
        .until(() -> driver.groups().getFirst().cycles() == before);
  }

  private static void awaitCycles(RateGroup group, long cycles) {
    await(group.name() + " cycle " + cycles).atMost(Duration.ofSeconds(5)).until(() -> group.cycles() >= cycles);
  }

  private static Instant[] times(long... millis) {
    Instant[] times = new Instant[millis.length];
    for (int i = 0; i < millis.length; i++) {
      times[i] = T0.plus(MS.multipliedBy(millis[i]));
    }
    return times;
  }
}
