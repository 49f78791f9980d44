package space.lunarbase.fsw.app.tracker;

import static space.lunarbase.fsw.core.event.EventArg.number;
import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventArg;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/**
 * The solar tracker's events (subsystem {@code tracker}, ids 4000–4999), all declared here:
 * state 40xx, faults 41xx, sun sensor 42xx, cable wrap 43xx.
 */
@Singleton
public final class TrackerEvents implements EventSet {

  /** The controller changed state; args from, to, cause, wrap_deg. */
  public static final EventLog.Kind STATE_CHANGED = tracker(4001, "TRACKER_STATE_CHANGED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("from"), text("to"), text("cause"), new EventArg("wrap_deg", EventArg.Type.TEXT, "deg", false, false));
  /** A tracker hardware fault (encoder, limit switch, drive), before the safing it triggers; args fault, text. */
  public static final EventLog.Kind FAULT = tracker(4101, "TRACKER_FAULT", Severity.SEVERITY_WARNING_HI)
      .with(text("fault"), text("text"));
  /** The fault that safed the tracker is no longer seen; args fault. */
  public static final EventLog.Kind FAULT_CLEARED = tracker(4102, "TRACKER_FAULT_CLEARED", Severity.SEVERITY_ACTIVITY_LO)
      .with(text("fault"));
  /** The sun sensor's signal became valid: its correction is learned again. */
  public static final EventLog.Kind SUN_SENSOR_IN_LOOP = tracker(4201, "SUN_SENSOR_IN_LOOP", Severity.SEVERITY_ACTIVITY_LO);
  /** The sun sensor's signal is no longer used; arg reason. The last correction is kept. */
  public static final EventLog.Kind SUN_SENSOR_OUT_OF_LOOP =
      tracker(4202, "SUN_SENSOR_OUT_OF_LOOP", Severity.SEVERITY_ACTIVITY_LO)
      .with(text("reason"));
  /** At start the cable wrap was re-derived from the saved value and the azimuth encoder. */
  public static final EventLog.Kind WRAP_RESTORED = tracker(4301, "CABLE_WRAP_RESTORED", Severity.SEVERITY_ACTIVITY_LO)
      .with(number("wrap_deg", "deg"), number("saved_deg", "deg"));
  /** No trustworthy saved wrap: the turn nearest the neutral was assumed (an operator should check it). */
  public static final EventLog.Kind WRAP_ASSUMED = tracker(4302, "CABLE_WRAP_ASSUMED", Severity.SEVERITY_WARNING_HI)
      .with(number("wrap_deg", "deg"), text("reason"));
  /** Saving the cable wrap failed (it is retried). */
  public static final EventLog.Kind WRAP_NOT_SAVED = tracker(4303, "CABLE_WRAP_NOT_SAVED", Severity.SEVERITY_WARNING_LO)
      .with(text("file"));
  /** An operator set the cable wrap ({@code tracker.SET_WRAP}). */
  public static final EventLog.Kind WRAP_SET = tracker(4304, "CABLE_WRAP_SET", Severity.SEVERITY_ACTIVITY_HI)
      .with(number("wrap_deg", "deg"), number("before_deg", "deg"));
  /** At start the cable wrap was taken from the hardware, which knows it (a simulated plant). */
  public static final EventLog.Kind WRAP_FROM_HARDWARE =
      tracker(4305, "CABLE_WRAP_FROM_HARDWARE", Severity.SEVERITY_ACTIVITY_LO)
      .with(number("wrap_deg", "deg"), number("hardware_deg", "deg"));

  private static EventLog.Kind tracker(int id, String name, Severity severity) {
    return new EventLog.Kind(id, name, "tracker", severity);
  }

  @Override
  public List<EventLog.Kind> events() {
    return List.of(STATE_CHANGED, FAULT, FAULT_CLEARED, SUN_SENSOR_IN_LOOP, SUN_SENSOR_OUT_OF_LOOP, WRAP_RESTORED,
        WRAP_ASSUMED, WRAP_NOT_SAVED, WRAP_SET, WRAP_FROM_HARDWARE);
  }
}
