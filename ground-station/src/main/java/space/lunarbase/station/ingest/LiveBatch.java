package space.lunarbase.station.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What one archive commit brings for live consoles: new points of the series someone watches
 * (series key {@code site/controller/name}), and log records (events, commands and acks, states).
 * Filled by ingest, handed over once the rows are committed.
 */
public final class LiveBatch {

  /** A log line: {@code log} is {@code events} or {@code commands}; fields are its datum. */
  public record LogRecord(String log, Map<String, Object> fields) {}

  /** The points of one series in this batch, times in UTC µs. */
  public static final class Points {
    long[] times = new long[16];
    double[] values = new double[16];
    int size;

    void add(long time, double value) {
      if (size == times.length) {
        times = java.util.Arrays.copyOf(times, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      times[size] = time;
      values[size] = value;
      size++;
    }

    public int size() {
      return size;
    }

    public long time(int i) {
      return times[i];
    }

    public double value(int i) {
      return values[i];
    }
  }

  private final Predicate<String> watched;
  private final Map<String, Points> points = new HashMap<>();
  private final List<LogRecord> records = new ArrayList<>();

  /** A batch that keeps points only of the series {@code watched} accepts. */
  public LiveBatch(Predicate<String> watched) {
    this.watched = watched;
  }

  /** Whether points of {@code seriesKey} are wanted. */
  public boolean wants(String seriesKey) {
    return watched.test(seriesKey);
  }

  public void point(String seriesKey, long timeMicros, double value) {
    points.computeIfAbsent(seriesKey, k -> new Points()).add(timeMicros, value);
  }

  public void record(String log, Map<String, Object> fields) {
    records.add(new LogRecord(log, fields));
  }

  public Map<String, Points> points() {
    return points;
  }

  public List<LogRecord> records() {
    return records;
  }

  public boolean isEmpty() {
    return points.isEmpty() && records.isEmpty();
  }

  public void clear() {
    points.clear();
    records.clear();
  }
}
