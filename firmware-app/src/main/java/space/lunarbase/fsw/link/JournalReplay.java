package space.lunarbase.fsw.link;

import java.util.List;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.link.journal.Journal;
import space.lunarbase.fsw.link.journal.JournalEntry;

/**
 * Reads journaled messages back for the link after the broker returns, oldest first and behind
 * the ones already sent, each marked historical ({@link HistoricalMark}); and acknowledges them in
 * the journal only up to the highest index below which the broker has acknowledged every one
 * ({@link ReplayAcks}). Owned by the link thread.
 */
final class JournalReplay {

  private final Journal journal;
  private final int batch;
  private final ReplayAcks acks = new ReplayAcks();
  /** The index to read from next, or -1 to start again at the journal's cursor. */
  private long next = -1;

  JournalReplay(Journal journal, int batch) {
    this.journal = journal;
    this.batch = batch;
  }

  /** Up to one batch of entries not yet sent, oldest first. */
  List<JournalEntry> due() {
    return next < 0 ? journal.peek(batch) : journal.peekAfter(next - 1, batch);
  }

  /** {@code entry} marked historical, counted as sent: hand it to the port, or {@link #unsent} it. */
  Pending sending(JournalEntry entry) {
    Outbound original = entry.message();
    Outbound marked = new Outbound(original.stream(), HistoricalMark.mark(original.payload()), original.qos(),
        original.retained());
    acks.sent(entry.index());
    return new Pending(marked, entry.index());
  }

  /** The port took {@code pending}: the next batch starts after it. */
  void sent(Pending pending) {
    next = pending.journalIndex() + 1;
  }

  /** The port did not take the entry {@code index}. */
  void unsent(long index) {
    acks.unsent(index);
  }

  /** The broker acknowledged the entry {@code index} (or it was let go): the journal moves on if it can. */
  void delivered(long index) {
    long upTo = acks.delivered(index);
    if (upTo >= 0) {
      journal.acknowledge(upTo);
    }
  }

  /** The connection died or an entry failed: replay starts again from the journal's cursor. */
  void restart() {
    next = -1;
    acks.reset();
  }
}
