package space.lunarbase.fsw.app.rail;

import static space.lunarbase.fsw.core.event.EventArg.integer;
import static space.lunarbase.fsw.core.event.EventArg.number;
import static space.lunarbase.fsw.core.event.EventArg.numberedText;
import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/** The launch rail's events (subsystem {@code rail}, ids 5000–5999), all declared here. */
@Singleton
public final class RailEvents implements EventSet {

  /** The sequence moved from one state to another (from, to, cause, payload, arm). */
  public static final EventLog.Kind RAIL_STATE_CHANGED = rail(5001, "RAIL_STATE_CHANGED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("rail"), integer("arm"), text("payload"), text("from"), text("to"), text("cause"));
  /** A shot was planned: payload, mass, speeds, stages, energy. */
  public static final EventLog.Kind SHOT_PLANNED = rail(5002, "SHOT_PLANNED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("rail"), integer("arm"), text("payload"), number("mass_kg", "kg"), number("target_mps", "m/s"),
          number("planned_exit_mps", "m/s"), integer("stages"), number("required_j", "J"));
  /** ARM was refused by the interlocks; one argument per failed interlock. */
  public static final EventLog.Kind ARM_REFUSED = rail(5003, "ARM_REFUSED", Severity.SEVERITY_WARNING_LO)
      .with(text("rail"), integer("arm"), text("payload"), numberedText("interlock"));
  /** The arm window ran out without a FIRE: back to SAFE. */
  public static final EventLog.Kind ARM_EXPIRED = rail(5004, "ARM_EXPIRED", Severity.SEVERITY_WARNING_LO)
      .with(text("rail"), integer("arm"), text("payload"), number("window_s", "s"));
  /** An interlock failed while ARMING or ARMED: back to SAFE. */
  public static final EventLog.Kind INTERLOCK_LOST = rail(5005, "INTERLOCK_LOST", Severity.SEVERITY_WARNING_HI)
      .with(text("rail"), integer("arm"), text("payload"), numberedText("interlock"));
  /** The front-end was told to fire. */
  public static final EventLog.Kind SHOT_FIRED = rail(5006, "SHOT_FIRED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("rail"), integer("arm"), text("payload"));
  /** One anomaly the shot analysis found (kind, gate, coil). */
  public static final EventLog.Kind SHOT_ANOMALY = rail(5007, "SHOT_ANOMALY", Severity.SEVERITY_WARNING_HI)
      .with(text("rail"), integer("arm"), text("payload"), text("kind"), integer("gate"), integer("coil"));
  /** The analysis is done: exit speed, anomaly count. */
  public static final EventLog.Kind SHOT_ANALYZED = rail(5008, "SHOT_ANALYZED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("rail"), integer("arm"), text("payload"), number("exit_mps", "m/s"),
          number("planned_exit_mps", "m/s"), integer("anomalies"), number("energy_used_j", "J").maybeAbsent());
  /** The sequence was aborted (by command, by rail.SAFE, or by the rail's mode leaving NOMINAL). */
  public static final EventLog.Kind RAIL_ABORTED = rail(5009, "RAIL_ABORTED", Severity.SEVERITY_WARNING_LO)
      .with(text("rail"), integer("arm"), text("payload"), text("from"), text("cause"));
  /** A step on the rail's hardware failed (disarm, outputs, drain): the others still ran. */
  public static final EventLog.Kind RAIL_HARDWARE_FAULT = rail(5010, "RAIL_HARDWARE_FAULT", Severity.SEVERITY_WARNING_HI)
      .with(text("rail"), text("step"));

  private static EventLog.Kind rail(int id, String name, Severity severity) {
    return new EventLog.Kind(id, name, "rail", severity);
  }

  @Override
  public List<EventLog.Kind> events() {
    return List.of(RAIL_STATE_CHANGED, SHOT_PLANNED, ARM_REFUSED, ARM_EXPIRED, INTERLOCK_LOST, SHOT_FIRED,
        SHOT_ANOMALY, SHOT_ANALYZED, RAIL_ABORTED, RAIL_HARDWARE_FAULT);
  }
}
