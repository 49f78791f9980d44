package space.lunarbase.hil.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Everything the rig saw and did, in arrival order, each stamped with the real time since the rig
 * started. Append-only and thread-safe; assertions read it, the report draws from it.
 */
public final class Timeline {

  /** One observation and when it arrived: real nanoseconds since the rig started. */
  public record Entry(int index, long wallNanos, Observation what) {

    /** Seconds since the rig started. */
    public double wallSeconds() {
      return wallNanos / 1e9;
    }
  }

  /** A position in the timeline: "from here on" for assertions. */
  public record Mark(int index) {
    /** The beginning: everything counts. */
    public static final Mark BEGINNING = new Mark(0);
  }

  private final long startNanos = System.nanoTime();
  private final List<Entry> entries = new ArrayList<>();

  /** Appends {@code what} now. */
  public synchronized Entry add(Observation what) {
    Entry entry = new Entry(entries.size(), System.nanoTime() - startNanos, what);
    entries.add(entry);
    return entry;
  }

  /** Here: what arrives from now on is after this mark. */
  public synchronized Mark mark() {
    return new Mark(entries.size());
  }

  /** A copy of every entry. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The entries from {@code mark} on. */
  public synchronized List<Entry> since(Mark mark) {
    return List.copyOf(entries.subList(Math.min(mark.index(), entries.size()), entries.size()));
  }

  /** The observations of one type from {@code mark} on that match. */
  public <T extends Observation> List<T> since(Mark mark, Class<T> type, Predicate<? super T> filter) {
    return since(mark).stream().map(Entry::what).filter(type::isInstance).map(type::cast).filter(filter)
        .map(t -> (T) t).toList();
  }

  /** Real nanoseconds since the rig started. */
  public long nowNanos() {
    return System.nanoTime() - startNanos;
  }
}
