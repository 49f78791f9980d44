package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the link tries again: doubling after failures, and a long back-off from a takeover. */
class ReconnectScheduleTest {

  static final long S = 1_000_000_000L;
  final ReconnectSchedule schedule = new ReconnectSchedule(Duration.ofMillis(500), Duration.ofSeconds(30),
      Duration.ofSeconds(5), Duration.ofMinutes(5));

  @Test
  void failedAttemptsWaitTwiceAsLongUpToTheMaximumAndAConnectionResetsThat() {
    assertThat(schedule.attemptFailed()).isEqualTo(Duration.ofMillis(500));
    assertThat(schedule.attemptFailed()).isEqualTo(Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      schedule.attemptFailed();
    }
    assertThat(schedule.attemptFailed()).isEqualTo(Duration.ofSeconds(30));
    schedule.connected(0);
    assertThat(schedule.attemptFailed()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void theBrokersTakeoverBacksOffFromTheMinimumDoublingToTheMaximum() {
    long t = 100 * S;
    schedule.connected(t);
    var first = schedule.lost(t + 120 * S, true);
    assertThat(first.takeover()).isTrue();
    assertThat(first.delay()).isEqualTo(Duration.ofSeconds(5));
    long[] expected = {10, 20, 40, 80, 160, 300, 300};
    t += 200 * S;
    for (long seconds : expected) {
      schedule.connected(t);
      var next = schedule.lost(t + S, true);
      assertThat(next.delay()).isEqualTo(Duration.ofSeconds(seconds));
      t += 400 * S;
    }
    assertThat(schedule.takeovers()).isEqualTo(8);
    schedule.connected(t);
    var afterStable = schedule.lost(t + 61 * S, true);
    assertThat(afterStable.delay()).as("a connection that lasted a minute ends the episode").isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void connectionsThatDieJustAfterTheyAreMadeTwiceInARowAreATakeover() {
    schedule.connected(0);
    var lostLongAfter = schedule.lost(10 * S, false);
    assertThat(lostLongAfter.takeover()).isFalse();
    assertThat(lostLongAfter.delay()).isEqualTo(Duration.ofMillis(500));
    schedule.connected(11 * S);
    assertThat(schedule.lost(12 * S, false).takeover()).as("once may be the network").isFalse();
    schedule.connected(13 * S);
    var second = schedule.lost(14 * S, false);
    assertThat(second.takeover()).isTrue();
    assertThat(second.delay()).isEqualTo(Duration.ofSeconds(5));
  }
}
