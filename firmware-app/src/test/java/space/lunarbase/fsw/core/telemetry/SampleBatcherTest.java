package space.lunarbase.fsw.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.SampleBatch;

class SampleBatcherTest {

  static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

  @Test
  void samplesComeOutAsOneBatchPerChannelWithTimesRelativeToTheFrame() {
    SampleBatcher batcher = new SampleBatcher(1000);
    for (int i = 0; i < 100; i++) {
      batcher.add("pack_voltage_v", T0.plusMillis(i), 30f + i / 100f, Quality.QUALITY_GOOD);
      batcher.add("pack_current_a", T0.plusMillis(i), 10f, Quality.QUALITY_GOOD);
    }
    List<SampleBatch> batches = batcher.drain(T0.plusMillis(100));

    assertThat(batches).extracting(SampleBatch::getChannel).containsExactly("pack_voltage_v", "pack_current_a");
    SampleBatch voltage = batches.getFirst();
    assertThat(voltage.getValueCount()).isEqualTo(100);
    assertThat(voltage.getTimeOffsetNs(0)).isEqualTo(-100_000_000L);
    assertThat(voltage.getTimeOffsetNs(99)).isEqualTo(-1_000_000L);
    assertThat(voltage.getValue(99)).isEqualTo(30.99f);
    assertThat(voltage.getQualityList()).as("all GOOD: no quality list").isEmpty();
    assertThat(batcher.drain(T0.plusMillis(200))).as("drained").isEmpty();
  }

  @Test
  void aBadSampleMakesTheBatchCarryEveryQuality() {
    SampleBatcher batcher = new SampleBatcher(10);
    batcher.add("x", T0, 1f, Quality.QUALITY_GOOD);
    batcher.add("x", T0.plusMillis(1), Float.NaN, Quality.QUALITY_FAILED);
    SampleBatch batch = batcher.drain(T0).getFirst();
    assertThat(batch.getQualityList()).containsExactly(Quality.QUALITY_GOOD, Quality.QUALITY_FAILED);
  }

  @Test
  void aFullChannelDropsItsOldestAndCounts() {
    SampleBatcher batcher = new SampleBatcher(3);
    for (int i = 0; i < 5; i++) {
      batcher.add("x", T0.plusMillis(i), i, Quality.QUALITY_GOOD);
    }
    assertThat(batcher.dropped()).isEqualTo(2);
    assertThat(batcher.drain(T0).getFirst().getValueList()).containsExactly(2f, 3f, 4f);
  }

  @Test
  void packedBatchesCostAFewBytesPerSample() {
    SampleBatcher batcher = new SampleBatcher(1000);
    for (int i = 0; i < 1000; i++) {
      batcher.add("pack_voltage_v", T0.plusMillis(i), 30f + i / 1000f, Quality.QUALITY_GOOD);
    }
    SampleBatch batch = batcher.drain(T0.plusSeconds(1)).getFirst();
    assertThat(batch.getSerializedSize() / 1000.0).as("bytes per sample").isLessThan(10.0);
  }

  @Test
  void aBatcherNeedsRoom() {
    assertThatThrownBy(() -> new SampleBatcher(0)).hasMessageContaining("at least 1");
  }
}
