package space.lunarbase.fsw.core.rate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;

/** An overrun on a manual clock becomes a WARNING_LO event, except while the group warms up. */
class OverrunEventsTest {

  @Test
  void anOverrunAfterWarmUpIsAWarningLoEvent(@TempDir Path data) throws Exception {
    EventCapture capture = EventCapture.in(data);
    EventLog events = capture.log();
    ManualTick tick = new ManualTick(RateGroupDriverTest.T0);
    OverrunEvents listener = new OverrunEvents(events);
    try (RateGroupDriver driver = new RateGroupDriver(List.of(new RateGroupSpec("slow", 10)), tick, listener)) {
      driver.onEveryCycle("slow", RateGroupTask.of("hog", t -> {
        if (t.equals(RateGroupDriverTest.T0) || t.equals(RateGroupDriverTest.T0.plusMillis(1200))) {
          tick.advance(Duration.ofMillis(150)); // overruns the 100 ms period
        }
      }));
      driver.start();
      RateGroup slow = driver.groups().getFirst();
      // cycle 1 (warm-up) overruns at T0; then run to T0+1.2 s, where cycle 12 overruns
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slow.cycles() >= 1);
      while (tick.nanos() < RateGroupDriverTest.T0.plusMillis(1200).toEpochMilli() * 1_000_000L) {
        long before = slow.cycles();
        tick.advance(Duration.ofMillis(100));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slow.cycles() > before);
      }
      assertThat(slow.overruns()).isEqualTo(2);
    }
    List<Event> emitted = capture.drain();
    assertThat(emitted).hasSize(1);
    Event event = emitted.getFirst();
    assertThat(event.getName()).isEqualTo("RATE_GROUP_OVERRUN");
    assertThat(event.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_LO);
    assertThat(event.getArgsMap()).containsEntry("group", "slow").containsEntry("exec_us", "150000")
        // the test stepped 50 ms past the deadline before the group saw it; it ended at +200 ms: 2 skipped
        .containsEntry("lateness_us", "50000").containsEntry("period_us", "100000").containsEntry("skipped", "2");
  }
}
