package space.lunarbase.fsw.core.seq;

import static space.lunarbase.fsw.core.event.EventArg.integer;
import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/**
 * The stored sequences' events (subsystem {@code seq}, ids 2601–2699), all declared here. Each is
 * sent unthrottled: operator commands and the entries of loaded sequences bound their number.
 * Every one carries the arguments {@code slot} and {@code sequence} (its name); entry events also
 * {@code entry} and {@code command}.
 */
@Singleton
public final class SequenceEvents implements EventSet {

  /** A sequence was loaded into a slot (seq.LOAD), with its loader. */
  public static final EventLog.Kind SEQUENCE_LOADED = seq(2601, "SEQUENCE_LOADED", Severity.SEVERITY_ACTIVITY_HI)
      .with(integer("slot"), text("sequence"));
  /** A sequence started running (seq.RUN). */
  public static final EventLog.Kind SEQUENCE_STARTED = seq(2602, "SEQUENCE_STARTED", Severity.SEVERITY_ACTIVITY_HI)
      .with(integer("slot"), text("sequence"));
  /** A running sequence was paused (seq.PAUSE). */
  public static final EventLog.Kind SEQUENCE_PAUSED = seq(2603, "SEQUENCE_PAUSED", Severity.SEVERITY_ACTIVITY_HI)
      .with(integer("slot"), text("sequence"));
  /** A paused sequence runs again (seq.RESUME), with how long it was paused. */
  public static final EventLog.Kind SEQUENCE_RESUMED = seq(2604, "SEQUENCE_RESUMED", Severity.SEVERITY_ACTIVITY_HI)
      .with(integer("slot"), text("sequence"));
  /** A running or paused sequence was stopped by seq.ABORT. */
  public static final EventLog.Kind SEQUENCE_ABORTED = seq(2605, "SEQUENCE_ABORTED", Severity.SEVERITY_WARNING_LO)
      .with(integer("slot"), text("sequence"));
  /** Every entry of a sequence is over (with how many failed). */
  public static final EventLog.Kind SEQUENCE_COMPLETED = seq(2606, "SEQUENCE_COMPLETED", Severity.SEVERITY_ACTIVITY_HI)
      .with(integer("slot"), text("sequence"));
  /** An entry was refused when it came due, failed, or was missed; says what the sequence does next. */
  public static final EventLog.Kind SEQUENCE_ENTRY_FAILED = seq(2607, "SEQUENCE_ENTRY_FAILED", Severity.SEVERITY_WARNING_HI)
      .with(integer("slot"), text("sequence"), integer("entry"), text("command"), text("outcome"), text("reason"));
  /** A sequence stopped at a failed entry (on failure STOP). */
  public static final EventLog.Kind SEQUENCE_FAILED = seq(2608, "SEQUENCE_FAILED", Severity.SEVERITY_WARNING_HI)
      .with(integer("slot"), text("sequence"), integer("entry"), text("command"), text("outcome"), text("reason"));
  /** A slot was emptied (seq.CLEAR). */
  public static final EventLog.Kind SEQUENCE_CLEARED = seq(2609, "SEQUENCE_CLEARED", Severity.SEVERITY_ACTIVITY_LO)
      .with(integer("slot"), text("sequence"));
  /** At start: a sequence loaded before the restart is loaded again (not running). */
  public static final EventLog.Kind SEQUENCE_RESTORED = seq(2610, "SEQUENCE_RESTORED", Severity.SEVERITY_ACTIVITY_LO)
      .with(integer("slot"), text("sequence"));
  /** At start: a kept sequence could not be loaded again (damaged, its key retired, an entry no longer valid). */
  public static final EventLog.Kind SEQUENCE_NOT_RESTORED = seq(2611, "SEQUENCE_NOT_RESTORED", Severity.SEVERITY_WARNING_HI)
      .with(integer("slot"), text("sequence"));

  private static EventLog.Kind seq(int id, String name, Severity severity) {
    return new EventLog.Kind(id, name, "seq", severity);
  }

  @Override
  public List<EventLog.Kind> events() {
    return List.of(SEQUENCE_LOADED, SEQUENCE_STARTED, SEQUENCE_PAUSED, SEQUENCE_RESUMED, SEQUENCE_ABORTED,
        SEQUENCE_COMPLETED, SEQUENCE_ENTRY_FAILED, SEQUENCE_FAILED, SEQUENCE_CLEARED, SEQUENCE_RESTORED,
        SEQUENCE_NOT_RESTORED);
  }
}
