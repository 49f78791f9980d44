package space.lunarbase.fsw.core.seq;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.Sequence.OnFailure;
import space.lunarbase.proto.v1.SequenceEntry;
import space.lunarbase.proto.v1.Value;

/**
 * A sequence as the controller runs it: its name, failure policy and entries, each with its
 * timing. Built only from a sequence the {@link SequenceValidator} passed.
 *
 * @param name the sequence's name
 * @param onFailure what a failed or missed entry does to the rest
 * @param entries in order, numbered from 1
 * @param bytes the Sequence exactly as uploaded (kept across restarts)
 */
public record SequencePlan(String name, OnFailure onFailure, List<Entry> entries, ByteString bytes) {

  public SequencePlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(onFailure, "onFailure");
    entries = List.copyOf(entries);
    Objects.requireNonNull(bytes, "bytes");
  }

  /** When an entry runs. */
  public sealed interface Timing {
    /** At a time of the controller's clock. */
    record At(Instant time) implements Timing {}

    /** This long after the previous entry's scheduled time (the first entry: after the run's start). */
    record After(Duration delay) implements Timing {}
  }

  /**
   * One entry.
   *
   * @param number its place in the sequence, from 1
   * @param timing when it runs
   * @param command the command's name
   * @param args its arguments
   */
  public record Entry(int number, Timing timing, String command, Map<String, Value> args) {

    public Entry {
      Objects.requireNonNull(timing, "timing");
      Objects.requireNonNull(command, "command");
      args = Map.copyOf(args);
    }

    public boolean absolute() {
      return timing instanceof Timing.At;
    }

    /** When it is due if the entry before it was due at {@code previous} (or the run started then). */
    public Instant due(Instant previous) {
      return switch (timing) {
        case Timing.At at -> at.time();
        case Timing.After after -> previous.plus(after.delay());
      };
    }
  }

  /** The plan of {@code sequence} (whose bytes are {@code bytes}); its entries must all have a time. */
  static SequencePlan of(Sequence sequence, ByteString bytes) {
    List<Entry> entries = new ArrayList<>(sequence.getEntriesCount());
    for (int i = 0; i < sequence.getEntriesCount(); i++) {
      SequenceEntry entry = sequence.getEntries(i);
      entries.add(new Entry(i + 1, timing(entry), entry.getCommand(), entry.getArgsMap()));
    }
    return new SequencePlan(sequence.getName(), sequence.getOnFailure(), entries, bytes);
  }

  /** The entry's timing; absolute times are unsigned nanoseconds. */
  static Timing timing(SequenceEntry entry) {
    return switch (entry.getTimeCase()) {
      case ABSOLUTE_NS -> new Timing.At(instant(entry.getAbsoluteNs()));
      case RELATIVE_NS -> new Timing.After(Duration.ofNanos(entry.getRelativeNs()));
      case TIME_NOT_SET -> throw new IllegalArgumentException("entry without a time");
    };
  }

  /** UTC nanoseconds (unsigned) as an instant. */
  static Instant instant(long unsignedNanos) {
    return Instant.ofEpochSecond(Long.divideUnsigned(unsignedNanos, 1_000_000_000L),
        Long.remainderUnsigned(unsignedNanos, 1_000_000_000L));
  }

  /** How many entries run at an absolute time. */
  public long absoluteCount() {
    return entries.stream().filter(Entry::absolute).count();
  }
}
