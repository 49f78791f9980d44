package space.lunarbase.fsw.core.seq;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When the entries of a plan are due. An absolute entry is due at its time; a relative one its
 * delay after the previous entry's <em>scheduled</em> time (the first entry: after the run's
 * start), so lateness does not add up along a sequence. A pause moves the relative entries still
 * ahead by its length (the run's anchor moves); absolute ones stay.
 */
final class Timeline {

  private Timeline() {}

  /** Every entry's due time for a run that starts at {@code start}, with no pause. */
  static List<Instant> dueTimes(SequencePlan plan, Instant start) {
    List<Instant> due = new ArrayList<>(plan.entries().size());
    Instant previous = start;
    for (SequencePlan.Entry entry : plan.entries()) {
      previous = entry.due(previous);
      due.add(previous);
    }
    return due;
  }

  /**
   * Empty if a run of {@code plan} can start at {@code start}: every absolute entry's time is after
   * {@code start} and not before the time the entry before it is due (relative times counted from
   * {@code start}). Else why not, naming the first entry at fault.
   */
  static Optional<String> checkRun(SequencePlan plan, Instant start) {
    List<Instant> due = dueTimes(plan, start);
    for (int i = 0; i < due.size(); i++) {
      SequencePlan.Entry entry = plan.entries().get(i);
      if (!entry.absolute()) {
        continue;
      }
      Instant time = due.get(i);
      if (!time.isAfter(start)) {
        return Optional.of("entry " + entry.number() + " (" + entry.command() + ") is due at " + time + ", "
            + seconds(Duration.between(time, start)) + " ago; load the sequence again with new times");
      }
      if (i > 0 && time.isBefore(due.get(i - 1))) {
        return Optional.of("entry " + entry.number() + " (" + entry.command() + ") is due at " + time
            + ", before entry " + i + " at " + due.get(i - 1) + " (relative times counted from now)");
      }
    }
    return Optional.empty();
  }

  /** {@code 12.345 s}. */
  static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
  }
}
