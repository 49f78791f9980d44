package space.lunarbase.fsw.link.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the journal reports as it happens, on the thread that called it (the link's). Each event is
 * also counted by {@link Journal}. Implementations must return quickly and should not throw; an
 * exception thrown here is logged and otherwise ignored.
 */
public interface JournalListener {

  /** A listener that ignores everything (the counters still count). */
  JournalListener NONE = new JournalListener() {};

  /**
   * The oldest segment was deleted to stay within {@code maxBytes}.
   *
   * @param entries how many not yet acknowledged entries were in it (now lost)
   * @param bytes the segment's size
   */
  default void droppedOldest(long entries, long bytes) {}

  /** A write, fsync or cursor update failed; for an append, that message was not journaled. */
  default void writeFailed(IOException cause) {}

  /**
   * Bytes that are not a valid record were found and skipped (a bad CRC, a bad length, garbage);
   * reading resumed at the next valid record.
   *
   * @param segment the segment file
   * @param offset where the invalid bytes start
   * @param reason what was wrong with them
   */
  default void corruptRecord(Path segment, long offset, String reason) {}

  /**
   * On open, a segment written in a later version of the journal's format (by a later release) was
   * renamed out of the journal and not replayed: its messages are kept for that release, not sent.
   *
   * @param segment the segment file as it was named
   * @param keptAs its name now
   * @param reason the version found and the newest this build reads
   */
  default void setAside(Path segment, Path keptAs, String reason) {}

  /**
   * On open, an incomplete record at the end of the newest segment (a write cut short by
   * {@code kill -9} or power loss) was truncated away.
   *
   * @param segment the segment file
   * @param offset the new end of the file
   * @param bytes how many bytes were removed
   */
  default void tailTruncated(Path segment, long offset, long bytes) {}
}
