package space.lunarbase.fsw.core.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.SchedulingSettings;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;

/**
 * SCHED_FIFO for the rate-group threads: granted where the process may (root, CAP_SYS_NICE or
 * RLIMIT_RTPRIO), refused with the kernel's reason elsewhere; each outcome an event, and the group
 * reports how its thread runs.
 */
class RealTimeSchedulingTest {

  @Test
  void theRealChrtEitherGrantsFifoOrSaysWhyNot() throws Exception {
    // on a thread of its own: a granted policy stays with the thread, which then ends
    record Seen(RealTimePriority.Outcome outcome, long tid, int policy) {}
    Seen seen = CompletableFuture.supplyAsync(() -> {
      try {
        RealTimePriority.Outcome outcome = new RealTimePriority(5).applyToCurrentThread();
        long tid = RealTimePriority.currentThreadId();
        return new Seen(outcome, tid, policyOf(tid));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, r -> Thread.ofPlatform().name("rt-probe").start(r)).get(30, TimeUnit.SECONDS);
    switch (seen.outcome()) {
      case RealTimePriority.Granted g -> {
        assertThat(g.tid()).isEqualTo(seen.tid());
        assertThat(g.priority()).isEqualTo(5);
        assertThat(seen.policy()).as("SCHED_FIFO in /proc/self/task/%d/stat", seen.tid()).isEqualTo(1);
      }
      case RealTimePriority.Refused r -> {
        assertThat(r.reason()).contains("chrt");
        assertThat(seen.policy()).as("still SCHED_OTHER").isZero();
      }
    }
  }

  @Test
  void aThreadsOwnIdIsItsKernelTaskId() throws Exception {
    long tid = RealTimePriority.currentThreadId();
    assertThat(Path.of("/proc/self/task/" + tid)).isDirectory();
    assertThat(policyOf(tid)).as("the test thread runs SCHED_OTHER").isZero();
  }

  @Test
  void aRefusalCarriesTheToolsWordsAndAMissingToolIsARefusalToo() {
    assertThat(new RealTimePriority(10, "false").applyToCurrentThread())
        .isEqualTo(new RealTimePriority.Refused("false exited 1"));
    assertThat(new RealTimePriority(10, "/nonexistent/chrt").applyToCurrentThread())
        .isInstanceOfSatisfying(RealTimePriority.Refused.class,
            r -> assertThat(r.reason()).startsWith("cannot run /nonexistent/chrt (util-linux)"));
  }

  @Test
  void prioritiesOutsideOneTo99AreRefusedAtConfiguration() {
    assertThat(new RealTimePriority(98).raisedBy(3).priority()).as("capped").isEqualTo(99);
    assertThat(new SchedulingSettings(0).realTime()).isEmpty();
    assertThat(new SchedulingSettings(99).realTime()).hasValueSatisfying(p -> assertThat(p.priority()).isEqualTo(99));
    assertThatThrownBy(() -> new SchedulingSettings(100)).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("lunarbase.scheduling.realtime-priority");
    assertThatThrownBy(() -> new SchedulingSettings(-1)).isInstanceOf(InvalidConfigException.class);
    assertThatThrownBy(() -> new RealTimePriority(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachGroupThreadAppliesItsSchedulingToItselfAndSaysSoInAnEvent(@TempDir Path data) throws Exception {
    EventCapture capture = EventCapture.in(data);
    EventLog events = capture.log();
    // "true" stands for a chrt that succeeds, "false" for one the kernel refused
    ThreadScheduling granted = new RealTimeScheduling(new RealTimePriority(10, "true"), events);
    ThreadScheduling refused = new RealTimeScheduling(new RealTimePriority(10, "false"), events);
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    ManualTick tick = new ManualTick(RateGroupDriverTest.T0);
    try (RateGroupDriver driver = new RateGroupDriver(List.of(new RateGroupSpec("fast", 100),
        new RateGroupSpec("medium", 10), new RateGroupSpec("slow", 1)), tick, o -> { }, (group, rank) -> {
          threads.add(group + " rank " + rank + " on " + Thread.currentThread().getName());
          return (group.equals("slow") ? refused : granted).applyTo(group, rank);
        })) {
      driver.start();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> driver.groups().stream().noneMatch(g -> g.scheduling().equals("not started")));
      // rate-monotonic: the slowest at the configured priority, one more per faster rate
      assertThat(driver.groups()).extracting(RateGroup::scheduling).containsExactly("SCHED_FIFO 12", "SCHED_FIFO 11",
          "SCHED_OTHER (SCHED_FIFO 10 refused: false exited 1)");
    }
    assertThat(threads).containsExactlyInAnyOrder("fast rank 2 on rate-fast", "medium rank 1 on rate-medium",
        "slow rank 0 on rate-slow");
    List<Event> emitted = capture.drain();
    assertThat(emitted).extracting(Event::getName)
        .containsExactlyInAnyOrder("RATE_GROUP_REALTIME", "RATE_GROUP_REALTIME", "RATE_GROUP_REALTIME_REFUSED");
    Event refusal = emitted.stream().filter(e -> e.getName().equals("RATE_GROUP_REALTIME_REFUSED")).findFirst()
        .orElseThrow();
    assertThat(refusal.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_LO);
    assertThat(refusal.getArgsMap()).containsEntry("group", "slow").containsEntry("priority", "10")
        .containsEntry("reason", "false exited 1");
  }


  /**
   * The scheduling policy of kernel thread {@code tid} of this process, from field 41 of its
   * {@code stat} (0 {@code SCHED_OTHER}, 1 {@code SCHED_FIFO}).
   */
  static int policyOf(long tid) throws java.io.IOException {
    String stat = java.nio.file.Files.readString(Path.of("/proc/self/task/" + tid + "/stat"),
        java.nio.charset.StandardCharsets.US_ASCII);
    // fields after the command name (in parentheses, may hold spaces) start with field 3
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[41 - 3]);
  }
}
