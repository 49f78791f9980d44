package space.lunarbase.fsw.link;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/** The telemetry link's events (subsystem {@code link}, ids 1000–1999), all declared here. */
@Singleton
public final class LinkEvents implements EventSet {

  /** The journal was full: its oldest segment was dropped (with the count). */
  public static final EventLog.Kind JOURNAL_DROPPED_OLDEST = link(1001, "JOURNAL_DROPPED_OLDEST", Severity.SEVERITY_WARNING_HI);
  /** A journal write failed: the message was not kept. */
  public static final EventLog.Kind JOURNAL_WRITE_FAILED = link(1002, "JOURNAL_WRITE_FAILED", Severity.SEVERITY_WARNING_HI);
  /** A journal record failed its CRC and was skipped. */
  public static final EventLog.Kind JOURNAL_RECORD_CORRUPT = link(1003, "JOURNAL_RECORD_CORRUPT", Severity.SEVERITY_WARNING_LO);
  /** A torn record (a write cut by a power loss) was removed from a segment's end. */
  public static final EventLog.Kind JOURNAL_TAIL_TRUNCATED = link(1004, "JOURNAL_TAIL_TRUNCATED", Severity.SEVERITY_WARNING_LO);

  private static EventLog.Kind link(int id, String name, Severity severity) {
    return new EventLog.Kind(id, name, "link", severity);
  }

  @Override
  public List<EventLog.Kind> events() {
    return List.of(JOURNAL_DROPPED_OLDEST, JOURNAL_WRITE_FAILED, JOURNAL_RECORD_CORRUPT, JOURNAL_TAIL_TRUNCATED);
  }
}
