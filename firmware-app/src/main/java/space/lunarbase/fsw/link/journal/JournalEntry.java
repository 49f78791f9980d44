package space.lunarbase.fsw.link.journal;

import java.util.Objects;
import space.lunarbase.fsw.core.telemetry.Outbound;

/**
 * One journaled message and its position in the journal.
 *
 * @param index the journal's position for it: strictly increasing in append order, across
 *     segments and restarts; a durable entry's index is never given to another message (one lost
 *     with a torn tail on power loss may be). Not always contiguous: a skipped corrupt record
 *     leaves a gap, and so does a failed append whose bytes could not be removed
 * @param message the message as it was appended
 */
public record JournalEntry(long index, Outbound message) {
  public JournalEntry {
    Objects.requireNonNull(message, "message");
  }
}
