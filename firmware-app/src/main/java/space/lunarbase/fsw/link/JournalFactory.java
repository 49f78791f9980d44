package space.lunarbase.fsw.link;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.link.journal.FsyncPolicy;
import space.lunarbase.fsw.link.journal.Journal;
import space.lunarbase.fsw.link.journal.JournalListener;
import space.lunarbase.fsw.link.journal.JournalSettings;

/**
 * Opens the store-and-forward journal in {@code {data-dir}/journal} when
 * {@code lunarbase.link.store-and-forward.enabled} is true, and turns what it reports into events.
 */
@Factory
final class JournalFactory {


  @Singleton
  @Requires(property = "lunarbase.link.store-and-forward.enabled", value = "true")
  Journal journal(ControllerSettings controller, StoreAndForwardSettings settings, EventLog events) {
    Path dir = controller.dataPath().resolve("journal");
    FsyncPolicy fsync = settings.fsyncInterval().isZero() ? FsyncPolicy.EVERY_RECORD
        : FsyncPolicy.interval(settings.fsyncInterval());
    try {
      return Journal.open(dir, new JournalSettings(settings.maxBytes(), settings.segmentBytes(), fsync),
          new Events(events));
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfigException("lunarbase.data-dir",
          "cannot open the store-and-forward journal in " + dir + ": " + e.getMessage());
    }
  }

  /** Journal reports as events: operators see every message the journal could not keep. */
  private record Events(EventLog events) implements JournalListener {
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
}
