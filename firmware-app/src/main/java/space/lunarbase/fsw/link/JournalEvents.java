package space.lunarbase.fsw.link;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.link.journal.JournalListener;

/**
 * The store-and-forward journal's reports as events: operators see every message the journal could
 * not keep.
 *
 * @param events where the events go
 */
public record JournalEvents(EventLog events) implements JournalListener {

  @Override
  public void droppedOldest(long entries, long bytes) {
    events.emit(LinkEvents.JOURNAL_DROPPED_OLDEST, "journal full: dropped the oldest " + entries + " messages (" + bytes + " bytes)",
        Map.of("entries", Long.toString(entries), "bytes", Long.toString(bytes)));
  }

  @Override
  public void writeFailed(IOException cause) {
    events.emit(LinkEvents.JOURNAL_WRITE_FAILED, "journal write failed: " + cause.getMessage(), Map.of("cause", String.valueOf(cause)));
  }

  @Override
  public void corruptRecord(Path segment, long offset, String reason) {
    events.emit(LinkEvents.JOURNAL_RECORD_CORRUPT, "journal record skipped in " + segment.getFileName() + " at " + offset + ": " + reason,
        Map.of("segment", segment.getFileName().toString(), "offset", Long.toString(offset), "reason", reason));
  }

  @Override
  public void setAside(Path segment, Path keptAs, String reason) {
    events.emitUnthrottled(LinkEvents.JOURNAL_SEGMENT_SET_ASIDE, "journal segment " + segment.getFileName() + " set aside as "
        + keptAs.getFileName() + ": " + reason, Map.of("segment", segment.getFileName().toString(), "kept_as",
        keptAs.getFileName().toString(), "reason", reason));
  }

  @Override
  public void tailTruncated(Path segment, long offset, long bytes) {
    events.emit(LinkEvents.JOURNAL_TAIL_TRUNCATED, "journal: torn record of " + bytes + " bytes removed from the end of "
        + segment.getFileName(), Map.of("segment", segment.getFileName().toString(), "bytes", Long.toString(bytes)));
  }
}
