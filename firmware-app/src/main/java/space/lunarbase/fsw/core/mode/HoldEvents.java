package space.lunarbase.fsw.core.mode;

import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/**
 * Range safety's holds (subsystem {@code core}, ids 27xx); arguments {@code subsystem}, {@code key},
 * {@code cause}.
 */
@Singleton
public final class HoldEvents implements EventSet {

  /** Range safety made a subsystem SAFE: it stays SAFE until a range-safety key releases it. */
  public static final EventLog.Kind HOLD_SET = new EventLog.Kind(2701, "HOLD_SET", "core",
      Severity.SEVERITY_ACTIVITY_HI)
      .with(text("subsystem"), text("key"), text("cause"));
  /** A range-safety key released a hold: the subsystem may leave SAFE again. */
  public static final EventLog.Kind HOLD_RELEASED = new EventLog.Kind(2702, "HOLD_RELEASED", "core",
      Severity.SEVERITY_ACTIVITY_HI)
      .with(text("subsystem"), text("key"), text("cause"));
  /** The kept holds could not be read: every subsystem is held until range safety releases it. */
  public static final EventLog.Kind HOLDS_NOT_LOADED = new EventLog.Kind(2703, "HOLDS_NOT_LOADED", "core",
      Severity.SEVERITY_WARNING_HI)
      .with(text("file"));

  @Override
  public List<EventLog.Kind> events() {
    return List.of(HOLD_SET, HOLD_RELEASED, HOLDS_NOT_LOADED);
  }
}
