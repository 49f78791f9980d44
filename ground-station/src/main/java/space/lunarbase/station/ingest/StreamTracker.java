package space.lunarbase.station.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Sequence numbers per stream (controller, topic, boot): tells a new message from a duplicate (QoS 1
 * delivers at least once; a journal replays what may have got through), and finds holes. A message
 * above the highest seen opens a gap for the numbers skipped; a later message inside a gap (usually
 * historical, replayed from the controller's journal) fills its number. Sequence 0 is not sequenced
 * (the last will) and always new.
 */
public final class StreamTracker {

  /** What a sequence number is for its stream. */
  public enum Verdict { NEW, FILLS_GAP, DUPLICATE }

  /** A hole opened by a message: numbers {@code first..last} were skipped. */
  public record Gap(long first, long last) {}

  /** The verdict on one message and the gap it opened, if any (null when none). */
  public record Result(Verdict verdict, Gap opened) {}

  private record Key(String controller, String topic, long boot) {}

  private static final class Stream {
    long high;
    final NavigableMap<Long, Long> missing = new TreeMap<>();
  }

  private static final Result NEW = new Result(Verdict.NEW, null);
  private static final Result DUPLICATE = new Result(Verdict.DUPLICATE, null);
  private static final Result FILLS = new Result(Verdict.FILLS_GAP, null);

  private final Map<Key, Stream> streams = new HashMap<>();

  /** Judges {@code sequence} on its stream and records it as seen. */
  public Result accept(String controller, String topic, long boot, long sequence) {
    if (sequence <= 0) {
      return NEW;
    }
    Stream stream = streams.computeIfAbsent(new Key(controller, topic, boot), k -> new Stream());
    if (stream.high == 0) {
      stream.high = sequence;
      return NEW;
    }
    if (sequence == stream.high + 1) {
      stream.high = sequence;
      return NEW;
    }
    if (sequence > stream.high) {
      Gap gap = new Gap(stream.high + 1, sequence - 1);
      stream.missing.put(gap.first(), gap.last());
      stream.high = sequence;
      return new Result(Verdict.NEW, gap);
    }
    Map.Entry<Long, Long> hole = stream.missing.floorEntry(sequence);
    if (hole == null || hole.getValue() < sequence) {
      return DUPLICATE;
    }
    long first = hole.getKey();
    long last = hole.getValue();
    stream.missing.remove(first);
    if (first < sequence) {
      stream.missing.put(first, sequence - 1);
    }
    if (sequence < last) {
      stream.missing.put(sequence + 1, last);
    }
    return FILLS;
  }

  /**
   * Restores a stream from the archive at start: the sequence numbers stored, in ascending order.
   * Numbers between them are holes (already recorded as gaps when they were found).
   */
  public void restore(String controller, String topic, long boot, long[] ascending) {
    if (ascending.length == 0) {
      return;
    }
    Stream stream = streams.computeIfAbsent(new Key(controller, topic, boot), k -> new Stream());
    stream.missing.clear();
    long previous = 0;
    for (long sequence : ascending) {
      if (sequence <= 0 || sequence == previous) {
        continue;
      }
      if (previous > 0 && sequence > previous + 1) {
        stream.missing.put(previous + 1, sequence - 1);
      }
      previous = sequence;
    }
    stream.high = previous;
  }

  /** How many numbers are missing on the stream now. */
  public long missing(String controller, String topic, long boot) {
    Stream stream = streams.get(new Key(controller, topic, boot));
    if (stream == null) {
      return 0;
    }
    return stream.missing.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey() + 1).sum();
  }
}
