package space.lunarbase.fsw.core.event;

import static space.lunarbase.fsw.core.event.EventArg.integer;
import static space.lunarbase.fsw.core.event.EventArg.number;
import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.proto.v1.Severity;

/**
 * The flight core's events (subsystem {@code core}, ids 2000–2999), all declared here:
 * rate groups 20xx, modes 21xx, limits 22xx, safing 23xx, commands 24xx, parameters 25xx.
 */
@Singleton
public final class CoreEvents implements EventSet {

  /** A cycle finished after the next deadline. */
  public static final EventLog.Kind RATE_GROUP_OVERRUN = core(2001, "RATE_GROUP_OVERRUN", Severity.SEVERITY_WARNING_LO)
      .with(text("group"), integer("lateness_us", "us"), integer("exec_us", "us"), integer("period_us", "us"),
          integer("skipped"));
  /** A rate group has made no progress for its stuck threshold (the watchdog). */
  public static final EventLog.Kind RATE_GROUP_STUCK = core(2002, "RATE_GROUP_STUCK", Severity.SEVERITY_FATAL)
      .with(text("group"), integer("threshold_ms", "ms"), integer("cycles"));
  /** A rate group's thread runs SCHED_FIFO, as configured. */
  public static final EventLog.Kind RATE_GROUP_REALTIME = core(2003, "RATE_GROUP_REALTIME", Severity.SEVERITY_ACTIVITY_LO)
      .with(text("group"), integer("priority"), integer("tid"));
  /** A rate group's thread asked for SCHED_FIFO and was refused: it runs SCHED_OTHER. */
  public static final EventLog.Kind RATE_GROUP_REALTIME_REFUSED = core(2004, "RATE_GROUP_REALTIME_REFUSED",
      Severity.SEVERITY_WARNING_LO)
      .with(text("group"), integer("priority"), text("reason"));
  /** A subsystem changed mode, with the cause. */
  public static final EventLog.Kind MODE_CHANGED = core(2101, "MODE_CHANGED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("subsystem"), text("from"), text("to"), text("cause"));
  /** A channel crossed a yellow limit for its persistence count. */
  public static final EventLog.Kind LIMIT_YELLOW = core(2201, "LIMIT_YELLOW", Severity.SEVERITY_WARNING_LO)
      .with(text("channel"), number("value"), number("limit"), text("unit"), text("from"), text("to"));
  /** A channel crossed a red limit for its persistence count. */
  public static final EventLog.Kind LIMIT_RED = core(2202, "LIMIT_RED", Severity.SEVERITY_WARNING_HI)
      .with(text("channel"), number("value"), number("limit"), text("unit"), text("from"), text("to"));
  /** A channel is back within its limits. */
  public static final EventLog.Kind LIMIT_IN_LIMITS = core(2203, "LIMIT_IN_LIMITS", Severity.SEVERITY_ACTIVITY_LO)
      .with(text("channel"), number("value"), number("limit"), text("unit"), text("from"), text("to"));
  /** A channel's reading is not GOOD: its limits are not checked. */
  public static final EventLog.Kind CHANNEL_BAD_QUALITY = core(2204, "CHANNEL_BAD_QUALITY", Severity.SEVERITY_WARNING_LO)
      .with(text("channel"), text("quality"), text("fault"));
  /** A channel's reading is GOOD again. */
  public static final EventLog.Kind CHANNEL_QUALITY_GOOD = core(2205, "CHANNEL_QUALITY_GOOD", Severity.SEVERITY_ACTIVITY_LO)
      .with(text("channel"));
  /** Subsystems made SAFE by a safing-table rule, with the cause. */
  public static final EventLog.Kind SAFING = core(2301, "SAFING", Severity.SEVERITY_WARNING_HI)
      .with(text("cause"), text("rule"), text("subsystems"));
  /** One step of a safing response failed (the others still ran). */
  public static final EventLog.Kind SAFING_STEP_FAILED = core(2302, "SAFING_STEP_FAILED", Severity.SEVERITY_WARNING_HI)
      .with(text("subsystem"), text("step"), text("error"));
  /** A command was rejected, with its reason code. */
  public static final EventLog.Kind COMMAND_REJECTED = core(2401, "COMMAND_REJECTED", Severity.SEVERITY_WARNING_LO)
      .with(text("command"), text("key"), integer("request"), text("reason"));
  /** A command completed. */
  public static final EventLog.Kind COMMAND_COMPLETED = core(2402, "COMMAND_COMPLETED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("command"), text("key"), integer("request"), text("sequence").maybeAbsent(),
          integer("slot").maybeAbsent(), integer("entry").maybeAbsent());
  /** An accepted command failed while executing. */
  public static final EventLog.Kind COMMAND_FAILED = core(2403, "COMMAND_FAILED", Severity.SEVERITY_WARNING_HI)
      .with(text("command"), text("key"), integer("request"), text("sequence").maybeAbsent(),
          integer("slot").maybeAbsent(), integer("entry").maybeAbsent(), text("reason").maybeAbsent());
  /** Commands were dropped because the dispatcher's queue was full. */
  public static final EventLog.Kind COMMAND_QUEUE_FULL = core(2404, "COMMAND_QUEUE_FULL", Severity.SEVERITY_WARNING_LO)
      .with(integer("dropped"));
  /** A safing command ran although its counter could not be persisted (held in memory). */
  public static final EventLog.Kind COMMAND_COUNTER_NOT_PERSISTED = core(2405, "COMMAND_COUNTER_NOT_PERSISTED",
      Severity.SEVERITY_WARNING_HI)
      .with(text("command"), text("key"), integer("request"), text("sequence").maybeAbsent(),
          integer("slot").maybeAbsent(), integer("entry").maybeAbsent(), integer("counter"));
  /** The replay counters were missing or damaged: every key's counters start above a floor from the clock. */
  public static final EventLog.Kind COMMAND_COUNTERS_LOST = core(2406, "COMMAND_COUNTERS_LOST",
      Severity.SEVERITY_WARNING_HI)
      .with(text("folder"), integer("floor"));
  /** A parameter was set by command. */
  public static final EventLog.Kind PARAMETER_CHANGED = core(2501, "PARAMETER_CHANGED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("parameter"), text("before"), text("after"));
  /** The saved parameter file could not be read: defaults stand. */
  public static final EventLog.Kind PARAMETERS_NOT_LOADED = core(2502, "PARAMETERS_NOT_LOADED", Severity.SEVERITY_WARNING_HI)
      .with(text("file"));
  /** One saved parameter was not restored (unknown, or no longer valid). */
  public static final EventLog.Kind PARAMETER_NOT_RESTORED = core(2503, "PARAMETER_NOT_RESTORED", Severity.SEVERITY_WARNING_LO)
      .with(text("parameter"), text("saved"));

  private static EventLog.Kind core(int id, String name, Severity severity) {
    return new EventLog.Kind(id, name, "core", severity);
  }

  @Override
  public List<EventLog.Kind> events() {
    return List.of(RATE_GROUP_OVERRUN, RATE_GROUP_STUCK, RATE_GROUP_REALTIME, RATE_GROUP_REALTIME_REFUSED, MODE_CHANGED, LIMIT_YELLOW, LIMIT_RED, LIMIT_IN_LIMITS,
        CHANNEL_BAD_QUALITY, CHANNEL_QUALITY_GOOD, SAFING, SAFING_STEP_FAILED, COMMAND_REJECTED, COMMAND_COMPLETED,
        COMMAND_FAILED, COMMAND_QUEUE_FULL, COMMAND_COUNTER_NOT_PERSISTED, COMMAND_COUNTERS_LOST, PARAMETER_CHANGED, PARAMETERS_NOT_LOADED, PARAMETER_NOT_RESTORED);
  }
}
