package space.lunarbase.fsw.core.time;

import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/** The clock's events (subsystem {@code core}, ids 28xx), each with the arguments {@code source} and {@code detail}. */
@Singleton
public final class TimeEvents implements EventSet {

  /** The clock is not synchronised (at start, or no longer): time-critical commands are refused. */
  public static final EventLog.Kind CLOCK_SYNC_LOST = new EventLog.Kind(2801, "CLOCK_SYNC_LOST", "core",
      Severity.SEVERITY_WARNING_HI)
      .with(text("source"), text("detail"));
  /** The clock is synchronised again. */
  public static final EventLog.Kind CLOCK_SYNC_REGAINED = new EventLog.Kind(2802, "CLOCK_SYNC_REGAINED", "core",
      Severity.SEVERITY_ACTIVITY_HI)
      .with(text("source"), text("detail"));

  @Override
  public List<EventLog.Kind> events() {
    return List.of(CLOCK_SYNC_LOST, CLOCK_SYNC_REGAINED);
  }
}
