package space.lunarbase.station.web;

import java.util.Arrays;
import space.lunarbase.station.ingest.LiveBatch;

/**
 * What a live plot gets of a series' points in one commit: per {@link #BUCKET_MICROS} of sample
 * time (aligned to the epoch), the bucket's points as they are when there are at most two, else
 * its minimum and its maximum in time order. A 10 Hz channel passes unchanged; a 1 kHz channel
 * becomes 20 to 40 points a second (a bucket split between two commits sends two pairs) with every
 * extreme of every bucket kept, so a plot draws the same envelope. The archive keeps every sample;
 * history requests are exact.
 */
final class LiveEnvelope {

  /** The live resolution: 100 ms, finer than a pixel of a 15-minute plot. */
  static final long BUCKET_MICROS = 100_000;

  private LiveEnvelope() {}

  /** Indices into {@code points} to send, in time order. */
  static int[] of(LiveBatch.Points points) {
    int n = points.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(points.time(a), points.time(b)));
    int[] kept = new int[n];
    int size = 0;
    int from = 0;
    while (from < n) {
      long bucket = Math.floorDiv(points.time(order[from]), BUCKET_MICROS);
      int to = from + 1;
      while (to < n && Math.floorDiv(points.time(order[to]), BUCKET_MICROS) == bucket) {
        to++;
      }
      if (to - from <= 2) {
        for (int i = from; i < to; i++) {
          kept[size++] = order[i];
        }
      } else {
        int lo = -1;
        int hi = -1;
        for (int i = from; i < to; i++) {
          double value = points.value(order[i]);
          if (Double.isNaN(value)) {
            continue;
          }
          if (lo < 0 || value < points.value(order[lo])) {
            lo = i;
          }
          if (hi < 0 || value > points.value(order[hi])) {
            hi = i;
          }
        }
        if (lo < 0) {
          kept[size++] = order[from]; // nothing but NaN: one gap marker
        } else {
          kept[size++] = order[Math.min(lo, hi)];
          if (hi != lo) {
            kept[size++] = order[Math.max(lo, hi)];
          }
        }
      }
      from = to;
    }
    return Arrays.copyOf(kept, size);
  }
}
