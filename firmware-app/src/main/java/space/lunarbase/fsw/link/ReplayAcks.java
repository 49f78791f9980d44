package space.lunarbase.fsw.link;

import java.util.TreeSet;

/**
 * Which replayed journal entries the broker has acknowledged, so that the journal is acknowledged
 * only up to the highest index below which every sent entry is delivered (acks may complete out of
 * order, and indices may have gaps where corrupt records were skipped). Owned by the link thread.
 */
final class ReplayAcks {

  private final TreeSet<Long> outstanding = new TreeSet<>();
  private long maxSent = Long.MIN_VALUE;
  private long acknowledged = Long.MIN_VALUE;

  /** Forgets what was in flight: after a reconnection, replay starts again from the journal's cursor. */
  void reset() {
    outstanding.clear();
    maxSent = Long.MIN_VALUE;
  }

  /** Entry {@code index} was handed to the broker. Indices are sent in increasing order. */
  void sent(long index) {
    if (outstanding.isEmpty() && maxSent == Long.MIN_VALUE) {
      acknowledged = Math.max(acknowledged, index - 1);
    }
    outstanding.add(index);
    maxSent = Math.max(maxSent, index);
  }

  /**
   * Entry {@code index}, the last one sent, could not be handed over after all: it is sent again
   * later, so nothing from it on may be acknowledged until then.
   */
  void unsent(long index) {
    outstanding.remove(index);
    if (index == maxSent) {
      maxSent = outstanding.isEmpty() ? acknowledged : outstanding.last();
    }
  }

  /**
   * The broker acknowledged {@code index}; returns the index up to which the journal may now be
   * acknowledged, or -1 if that did not move.
   */
  long delivered(long index) {
    if (!outstanding.remove(index)) {
      return -1;
    }
    long upTo = outstanding.isEmpty() ? maxSent : outstanding.first() - 1;
    if (upTo > acknowledged) {
      acknowledged = upTo;
      return upTo;
    }
    return -1;
  }
}
