package space.lunarbase.station.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import space.lunarbase.station.ingest.LiveBatch;

/** The live feed's thinning keeps every bucket's extremes, in time order, and slow series whole. */
class LiveEnvelopeTest {

  private static final long T0 = 1_790_000_000_000_000L; // µs, a whole second

  private static LiveBatch.Points points(long[] times, double[] values) {
    LiveBatch batch = new LiveBatch(key -> true);
    for (int i = 0; i < times.length; i++) {
      batch.point("s/c/x", times[i], values[i]);
    }
    return batch.points().get("s/c/x");
  }

  @Test
  void aOneKilohertzSecondBecomesTwentyPointsWithEveryBucketsExtremes() {
    int n = 1000;
    long[] times = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = T0 + i * 1000L;
      values[i] = 100 * Math.sin(i / 7.0) + (i == 437 ? 500 : 0) - (i == 802 ? 900 : 0);
    }
    LiveBatch.Points points = points(times, values);
    int[] kept = LiveEnvelope.of(points);

    assertThat(kept).hasSize(20);
    for (int b = 0; b < 10; b++) {
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (int i = b * 100; i < (b + 1) * 100; i++) {
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
      List<Double> sent = new ArrayList<>();
      for (int k : kept) {
        if ((points.time(k) - T0) / 100_000 == b) {
          sent.add(points.value(k));
        }
      }
      assertThat(sent).as("bucket %d", b).containsExactlyInAnyOrder(min, max);
    }
    assertThat(kept).contains(437, 802);
    for (int i = 1; i < kept.length; i++) {
      assertThat(points.time(kept[i])).isGreaterThan(points.time(kept[i - 1]));
    }
  }

  @Test
  void aTenHertzSeriesPassesUnchanged() {
    long[] times = {T0, T0 + 100_000, T0 + 200_000, T0 + 300_000};
    double[] values = {1, 2, 3, 4};
    assertThat(LiveEnvelope.of(points(times, values))).containsExactly(0, 1, 2, 3);
  }

  @Test
  void pointsOutOfOrderComeOutInTimeOrder() {
    long[] times = {T0 + 250_000, T0 + 50_000, T0 + 10_000, T0 + 90_000, T0 + 60_000};
    double[] values = {7, 5, 1, 9, 3};
    // bucket 0: t+10ms (1), t+50ms (5), t+60ms (3), t+90ms (9) -> min at 10 ms, max at 90 ms; bucket 2 alone
    assertThat(LiveEnvelope.of(points(times, values))).containsExactly(2, 3, 0);
  }

  @Test
  void notANumberNeverHidesAnExtreme() {
    long[] times = {T0, T0 + 1000, T0 + 2000, T0 + 3000};
    double[] values = {Double.NaN, 4, -2, 1};
    assertThat(LiveEnvelope.of(points(times, values))).containsExactly(1, 2);
  }
}
