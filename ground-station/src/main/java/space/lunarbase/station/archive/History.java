package space.lunarbase.station.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one series back from the archive for a time range: exact (every sample) when the range
 * holds few enough, else decimated to min/max buckets: from the per-second rollup when a bucket is a
 * second or longer (so 24 h of a 1 kHz channel reads 86,400 rollup rows, not 86.4 million samples),
 * from the raw samples otherwise.
 */
public final class History {

  private static final long SECOND = 1_000_000L;

  private final Archive archive;

  public History(Archive archive) {
    this.archive = archive;
  }

  /** One sample. */
  public record Point(long tsMicros, double value) {}

  /** One bucket of a decimated series: its start, extremes, mean and how many samples it holds. */
  public record Bucket(long tsMicros, double min, double max, double mean, long count) {}

  /**
   * The series' history: either {@code points} (exact) or {@code buckets} (decimated), with the
   * bucket width in microseconds (0 when exact).
   */
  public record Series(List<Point> points, List<Bucket> buckets, long bucketMicros) {
    public boolean exact() {
      return bucketMicros == 0;
    }
  }

  /** Every sample in [from, to), in time order, at most {@code limit}. */
  public List<Point> raw(String controller, String channel, long fromMicros, long toMicros, int limit) {
    List<Point> points = new ArrayList<>();
    archive.query("SELECT ts, value FROM samples WHERE controller = " + Tables.literal(controller)
        + " AND channel = " + Tables.literal(channel) + " AND ts >= " + fromMicros + " AND ts < " + toMicros
        + " ORDER BY ts LIMIT " + limit, row -> {
          points.add(new Point(row.getTimestamp(0), row.getDouble(1)));
          return true;
        });
    return points;
  }

  /**
   * The series in [from, to) for a plot {@code size} buckets wide: exact when the range holds at most
   * {@code size} samples, else min/max per bucket.
   */
  public Series forPlot(String controller, String channel, long fromMicros, long toMicros, int size) {
    if (toMicros <= fromMicros || size < 1) {
      return new Series(List.of(), List.of(), 0);
    }
    // the span without its last microsecond (an inclusive end is given as end + 1), rounded up
    long bucket = Math.max(1, (toMicros - fromMicros - 1 + size - 1) / size);
    if (bucket < SECOND && count(controller, channel, fromMicros, toMicros) <= size) {
      return new Series(raw(controller, channel, fromMicros, toMicros, size), List.of(), 0);
    }
    return new Series(List.of(), buckets(controller, channel, fromMicros, toMicros, bucket), bucket);
  }

  /**
   * Min, max, mean and count per bucket of {@code bucketMicros} (aligned to the epoch), from the
   * rollup when the bucket is whole seconds, else from the raw samples.
   */
  public List<Bucket> buckets(String controller, String channel, long fromMicros, long toMicros, long bucketMicros) {
    List<Bucket> buckets = new ArrayList<>();
    String where = " WHERE controller = " + Tables.literal(controller) + " AND channel = " + Tables.literal(channel);
    String sql;
    if (bucketMicros >= SECOND) {
      long seconds = (bucketMicros + SECOND - 1) / SECOND;
      long from = Math.floorDiv(fromMicros, SECOND) * SECOND;
      sql = "SELECT ts, min(lo), max(hi), sum(total) / sum(n), sum(n) FROM samples_1s" + where
          + " AND ts >= " + from + " AND ts < " + toMicros + " SAMPLE BY " + seconds + "s ORDER BY ts";
    } else {
      sql = "SELECT ts, min(value), max(value), avg(value), count() FROM samples" + where
          + " AND ts >= " + fromMicros + " AND ts < " + toMicros + " SAMPLE BY " + bucketMicros + "U ORDER BY ts";
    }
    archive.query(sql, row -> {
      buckets.add(new Bucket(row.getTimestamp(0), row.getDouble(1), row.getDouble(2), row.getDouble(3), row.getLong(4)));
      return true;
    });
    return buckets;
  }

  /** How many samples the series has in [from, to), counted on the rollup where whole seconds allow. */
  public long count(String controller, String channel, long fromMicros, long toMicros) {
    String where = " WHERE controller = " + Tables.literal(controller) + " AND channel = " + Tables.literal(channel);
    long[] total = {0};
    archive.query("SELECT count() FROM samples" + where + " AND ts >= " + fromMicros + " AND ts < " + toMicros,
        row -> {
          total[0] = row.getLong(0);
          return false;
        });
    return total[0];
  }
}
