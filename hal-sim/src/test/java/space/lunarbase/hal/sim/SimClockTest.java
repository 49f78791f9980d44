package space.lunarbase.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimClockTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  final AtomicLong nanos = new AtomicLong(1_000_000);

  @Test
  void manualClockMovesOnlyByAdvance() {
    SimClock clock = SimClock.manual(T0);
    assertThat(clock.instant()).isEqualTo(T0);

    clock.advance(Duration.ofDays(29).plusHours(12));

    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(29).plusHours(12)));
    assertThat(clock.rate()).isZero();
  }

  @Test
  void runningClockFollowsMonotonicTimeTimesRate() {
    SimClock clock = new SimClock(T0, 3600, nanos::get);

    nanos.addAndGet(1_000_000_000L); // one real second

    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void advanceAddsToARunningClock() {
    SimClock clock = new SimClock(T0, 2, nanos::get);
    nanos.addAndGet(500_000_000L);

    clock.advance(Duration.ofMinutes(1));
    nanos.addAndGet(500_000_000L);

    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(62));
  }

  @Test
  void setRateKeepsTheTimeReachedSoFar() {
    SimClock clock = new SimClock(T0, 10, nanos::get);
    nanos.addAndGet(1_000_000_000L);

    clock.setRate(0);
    nanos.addAndGet(5_000_000_000L);
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(10));

    clock.setRate(1);
    nanos.addAndGet(1_000_000_000L);
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(11));
  }

  @Test
  void realRunningClockDoesNotGoBack() {
    SimClock clock = SimClock.running(T0, 1);
    Instant first = clock.instant();
    assertThat(clock.instant()).isAfterOrEqualTo(first).isAfterOrEqualTo(T0);
  }

  @Test
  void rejectsBackwardsAndBadRates() {
    SimClock clock = SimClock.manual(T0);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.setRate(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimClock.running(T0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
