package space.lunarbase.fsw.link;

import static space.lunarbase.fsw.core.event.EventArg.integer;
import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/** The telemetry link's events (subsystem {@code link}, ids 1000–1999), all declared here. */
@Singleton
public final class LinkEvents implements EventSet {

  /** The journal was full: its oldest segment was dropped (with the count). */
  public static final EventLog.Kind JOURNAL_DROPPED_OLDEST = link(1001, "JOURNAL_DROPPED_OLDEST", Severity.SEVERITY_WARNING_HI)
      .with(integer("entries"), integer("bytes", "bytes"));
  /** A journal write failed: the message was not kept. */
  public static final EventLog.Kind JOURNAL_WRITE_FAILED = link(1002, "JOURNAL_WRITE_FAILED", Severity.SEVERITY_WARNING_HI)
      .with(text("cause"));
  /** A journal record failed its CRC and was skipped. */
  public static final EventLog.Kind JOURNAL_RECORD_CORRUPT = link(1003, "JOURNAL_RECORD_CORRUPT", Severity.SEVERITY_WARNING_LO)
      .with(text("segment"), integer("offset", "bytes"), text("reason"));
  /** A torn record (a write cut by a power loss) was removed from a segment's end. */
  public static final EventLog.Kind JOURNAL_TAIL_TRUNCATED = link(1004, "JOURNAL_TAIL_TRUNCATED", Severity.SEVERITY_WARNING_LO)
      .with(text("segment"), integer("bytes", "bytes"));
  /**
   * Another client connected with this controller's client id and the broker dropped the
   * controller: it backs off (with when it retries) instead of fighting for the id.
   */
  public static final EventLog.Kind LINK_CLIENT_ID_TAKEN_OVER = link(1005, "LINK_CLIENT_ID_TAKEN_OVER", Severity.SEVERITY_WARNING_HI)
      .with(text("client_id"), integer("retry_in_ms", "ms"), integer("takeovers"), text("reason"));
  /** The receive path is dead (with why): no command can arrive; /health is DOWN until a restart. */
  public static final EventLog.Kind LINK_RECEIVE_DEAD = link(1006, "LINK_RECEIVE_DEAD", Severity.SEVERITY_FATAL)
      .with(text("reason"), text("probe_topic"));
  /** An outbound message larger than the maximum packet size was dropped (with its topic and size). */
  public static final EventLog.Kind LINK_MESSAGE_TOO_LARGE = link(1007, "LINK_MESSAGE_TOO_LARGE", Severity.SEVERITY_WARNING_HI)
      .with(text("topic"), integer("bytes", "bytes"), integer("limit", "bytes"));
  /** A message on cmd or rebirth was dropped on arrival: retained, or larger than the topic's limit. */
  public static final EventLog.Kind LINK_INBOUND_DROPPED = link(1008, "LINK_INBOUND_DROPPED", Severity.SEVERITY_WARNING_LO)
      .with(text("topic"), integer("bytes", "bytes"), text("reason"));

  /** A journal segment of a later format version (a later release wrote it) was set aside, not replayed. */
  public static final EventLog.Kind JOURNAL_SEGMENT_SET_ASIDE = link(1009, "JOURNAL_SEGMENT_SET_ASIDE",
      Severity.SEVERITY_WARNING_HI)
      .with(text("segment"), text("kept_as"), text("reason"));

  private static EventLog.Kind link(int id, String name, Severity severity) {
    return new EventLog.Kind(id, name, "link", severity);
  }

  @Override
  public List<EventLog.Kind> events() {
    return List.of(JOURNAL_DROPPED_OLDEST, JOURNAL_WRITE_FAILED, JOURNAL_RECORD_CORRUPT, JOURNAL_TAIL_TRUNCATED,
        LINK_CLIENT_ID_TAKEN_OVER, LINK_RECEIVE_DEAD, LINK_MESSAGE_TOO_LARGE, LINK_INBOUND_DROPPED,
        JOURNAL_SEGMENT_SET_ASIDE);
  }
}
