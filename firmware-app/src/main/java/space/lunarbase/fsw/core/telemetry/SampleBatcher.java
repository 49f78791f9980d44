package space.lunarbase.fsw.core.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.SampleBatch;

/**
 * Collects high-rate samples between two frames and hands them over as {@link SampleBatch}es, one
 * per channel, with times as offsets from the frame's time. So a 1 kHz sensor costs one MQTT
 * message per frame, not one per sample. Bounded: past {@code maxSamplesPerChannel} the oldest
 * sample of that channel is dropped and counted. Thread-safe: a fast task adds, the frame task drains.
 */
public final class SampleBatcher {

  private final int maxSamplesPerChannel;
  private final Map<String, Series> series = new LinkedHashMap<>();
  private final AtomicLong dropped = new AtomicLong();

  public SampleBatcher(int maxSamplesPerChannel) {
    if (maxSamplesPerChannel < 1) {
      throw new IllegalArgumentException("maxSamplesPerChannel must be at least 1, was " + maxSamplesPerChannel);
    }
    this.maxSamplesPerChannel = maxSamplesPerChannel;
  }

  /** Adds one sample of {@code channel}. */
  public synchronized void add(String channel, Instant time, float value, Quality quality) {
    Series s = series.computeIfAbsent(channel, c -> new Series());
    if (s.size == maxSamplesPerChannel) {
      s.dropFirst();
      dropped.incrementAndGet();
    }
    s.add(HeaderStamper.nanos(time), value, quality);
  }

  /** Everything collected since the last drain, as batches relative to {@code frameTime}; empties the batcher. */
  public synchronized List<SampleBatch> drain(Instant frameTime) {
    long base = HeaderStamper.nanos(frameTime);
    List<SampleBatch> batches = new ArrayList<>(series.size());
    for (Map.Entry<String, Series> entry : series.entrySet()) {
      Series s = entry.getValue();
      if (s.size == 0) {
        continue;
      }
      SampleBatch.Builder batch = SampleBatch.newBuilder().setChannel(entry.getKey());
      boolean allGood = true;
      for (int i = 0; i < s.size; i++) {
        int at = s.index(i);
        batch.addTimeOffsetNs(s.times[at] - base).addValue(s.values[at]);
        allGood &= s.qualities[at] == Quality.QUALITY_GOOD;
      }
      if (!allGood) {
        for (int i = 0; i < s.size; i++) {
          batch.addQuality(s.qualities[s.index(i)]);
        }
      }
      batches.add(batch.build());
      s.clear();
    }
    return batches;
  }

  /** Samples dropped because a channel was full before the frame came. */
  public long dropped() {
    return dropped.get();
  }

  /** A ring of samples of one channel. */
  private final class Series {
    final long[] times = new long[maxSamplesPerChannel];
    final float[] values = new float[maxSamplesPerChannel];
    final Quality[] qualities = new Quality[maxSamplesPerChannel];
    int first;
    int size;

    void add(long time, float value, Quality quality) {
      int at = index(size);
      times[at] = time;
      values[at] = value;
      qualities[at] = quality;
      size++;
    }

    void dropFirst() {
      first = (first + 1) % maxSamplesPerChannel;
      size--;
    }

    int index(int i) {
      return (first + i) % maxSamplesPerChannel;
    }

    void clear() {
      first = 0;
      size = 0;
    }
  }
}
