package space.lunarbase.fsw.app.tracker;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import space.lunarbase.ephemeris.SunEphemeris;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.KnownCableWrap;
import space.lunarbase.fsw.config.TrackerSettings;
import space.lunarbase.fsw.config.TrackerSiteSettings;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.fdir.SafingTable;
import space.lunarbase.fsw.core.fdir.SiteSafing;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.state.Move;
import space.lunarbase.fsw.core.state.Transitions;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.tracker.Axis;
import space.lunarbase.hal.tracker.SolarTracker;

/**
 * The solar tracker's controller: one {@link #cycle} per control period (a rate-group task, see
 * {@link TrackerTasks}) reads the hardware, follows the cable wrap, learns the sun sensor's
 * correction, decides the state from the tracker's mode and the operator's requests, and moves.
 *
 * <ul>
 *   <li>NOMINAL: ACQUIRING (slewing onto the Sun) then TRACKING (ephemeris at the clock's time plus
 *       the sun sensor's correction, azimuth continuing the short way with its cable wrap counted)
 *       while the Sun is above {@code tracker.horizon-deg}; TRACKING does not fall back to
 *       ACQUIRING, so a tracker that cannot keep up shows as TRACKING with a large error; UNWINDING the other way round to the equivalent azimuth
 *       nearest the cable's neutral when tracking would wind the cable beyond
 *       {@code tracker.unwind-at-deg}, when the Sun sets with more than half a turn wound, when
 *       the sun sensor has been dark for {@code tracker.dark-unwind-after-s} while the Sun is up
 *       with more than three quarters of a turn wound, or on {@code tracker.UNWIND}; IDLE (motors
 *       off) while the Sun is down; STOWING then STOWED on {@code tracker.STOW} until
 *       {@code tracker.TRACK}.
 *   <li>MAINTENANCE: MANUAL, holding still or pointing where {@code tracker.POINT} says (within the
 *       cable-wrap limit); STOW and UNWIND as in NOMINAL.
 *   <li>SAFE: STOWING then STOWED (motors off); FAULT (motors off at once) when it cannot stow.
 * </ul>
 *
 * A hardware fault (an encoder not GOOD, a limit switch closed or unreadable, a failed move) raises
 * {@link TrackerEvents#FAULT} and applies its {@link SafingTable} rule, which makes the tracker
 * SAFE. Every state change raises {@link TrackerEvents#STATE_CHANGED} with its cause. Commands
 * ({@link TrackerCommands}) and cycles are serialised on this object; a refused request throws
 * {@link CommandFailure} with the reason.
 *
 * <p>The cable wrap ({@link CableWrapKeeper}) is kept in {@link WrapStore} whenever it has moved
 * {@value CableWrapKeeper#SAVE_STEP_DEG} degrees from the saved value and at every state change. At
 * start the first GOOD azimuth reading picks the turn nearest the saved wrap: right as long as the array turned less than half a turn
 * while the wrap was not counted (the motors are disabled while the firmware is not running).
 * Without a saved value the turn within half a turn of the neutral is assumed, with
 * {@link TrackerEvents#WRAP_ASSUMED}; an operator corrects it with {@code tracker.SET_WRAP}. A
 * simulated tracker starts from its plant's wrap instead ({@link KnownCableWrap}).
 */
@Singleton
public final class TrackerController {

  /**
   * The Sun must clear the horizon by this much to rise, and fall below it by as much to set. Near
   * the pole its elevation changes by only about 0.02 degrees a day, so this is a few hours.
   */
  static final double HORIZON_HYSTERESIS_DEG = 0.002;
  /** A sensor dark for long lets the tracker unwind only with more wrap than this: worth a slew. */
  static final double DARK_UNWIND_MIN_WRAP_DEG = 270;
  /** Acquiring ends, and tracking starts, once the encoders are this close to the target. */
  static final double ON_TARGET_DEG = 0.2;
  /** How far from its goal an unwind counts as done. */
  static final double UNWIND_DONE_DEG = 0.5;

  /** Why an unwind is under way, and whether its goal follows the Sun or the present azimuth. */
  private record Unwind(String cause, boolean followSun) {}

  /** An operator's pointing in MAINTENANCE. */
  private record Point(double azimuthDeg, double elevationDeg) {}

  private final SolarTracker tracker;
  private final TrackerSettings settings;
  private final SunEphemeris ephemeris;
  private final Modes modes;
  private final SiteSafing safing;
  private final EventLog events;
  private final Parameters parameters;
  private final CableWrapKeeper wraps;
  private final SunCorrection correction;

  private final Transitions<TrackerState, String> transitions = TrackerState.transitions(this::entered);
  private String cause = "start";
  private Mode lastMode;
  private TrackerFault activeFault;
  private boolean operatorStow;
  private Unwind unwind;
  private Point point;
  private Boolean sunUp;
  private Instant darkSince;
  private boolean sensorInLoop;
  private double targetAzimuthDeg = Double.NaN;
  private double targetElevationDeg = Double.NaN;
  private boolean moved;
  private volatile TrackerStatus status;

  public TrackerController(Board board, TrackerSettings settings, TrackerSiteSettings site, Modes modes,
      SiteSafing safing, EventLog events, Parameters parameters, ControllerSettings controller,
      KnownCableWrap knownWrap) {
    this.tracker = board.tracker().orElse(null);
    this.settings = settings;
    this.ephemeris = SunEphemeris.at(site.site());
    this.modes = modes;
    this.safing = safing;
    this.events = events;
    this.parameters = parameters;
    this.wraps = new CableWrapKeeper(settings.cableNeutralAzimuthDeg(), new WrapStore(controller.dataPath()),
        knownWrap, events);
    this.correction = new SunCorrection(settings.sunSensorFieldDeg(), settings.sunSensorMaxOffset(),
        settings.sunSensorTimeConstant(), settings.maxCorrectionDeg());
  }

  /** Whether the board has a tracker (without one every cycle does nothing and commands are not declared). */
  public boolean present() {
    return tracker != null;
  }

  /** The tracker at the end of the last cycle; empty before the first. */
  public Optional<TrackerStatus> status() {
    return Optional.ofNullable(status);
  }

  /** One control cycle at {@code now} (the rate group's cycle time). Never throws for a hardware fault. */
  public synchronized void cycle(Instant now) {
    if (tracker == null) {
      return;
    }
    TrackerReadings readings = TrackerReadings.read(tracker, ephemeris, now);
    if (readings.azimuth().good()) {
      wraps.follow(readings.azimuth().degrees());
    }
    observeSky(readings);
    Mode mode = modeNow();
    Optional<TrackerFault> fault = readings.fault();
    if (fault.isPresent()) {
      fault(fault.get(), mode);
    } else if (activeFault != null) {
      events.emit(TrackerEvents.FAULT_CLEARED, activeFault.kind() + " no longer seen",
          Map.of("fault", activeFault.kind()));
      activeFault = null;
    }
    targetAzimuthDeg = Double.NaN;
    targetElevationDeg = Double.NaN;
    moved = false;
    mode = modeNow();
    try {
      switch (mode) {
        case SAFE -> safeCycle(readings);
        case NOMINAL -> automaticCycle(readings);
        case MAINTENANCE -> manualCycle(readings);
      }
    } catch (DeviceException e) {
      fault(new TrackerFault(SafingTable.TRACKER_DRIVE_FAULT, e.getMessage()), mode);
    }
    if (moved) {
      // telemetry shows where the cycle left the tracker, not where it found it
      readings = TrackerReadings.read(tracker, ephemeris, now);
      if (readings.azimuth().good()) {
        wraps.follow(readings.azimuth().degrees());
      }
    }
    wraps.saveIfDue();
    status = snapshot(readings, modeNow());
  }

  // ---- commands (TrackerCommands declares them; the dispatcher checks roles, arguments and modes)

  /** {@code tracker.TRACK}: automatic tracking again after an operator's stow. */
  public synchronized String track() {
    modeNow();
    refuseIfFaulted("track");
    if (!operatorStow) {
      throw new CommandFailure("already automatic: state " + state() + " (" + cause + ")");
    }
    operatorStow = false;
    boolean up = Boolean.TRUE.equals(sunUp);
    return "automatic tracking resumes" + (up ? "" : "; the Sun is below the horizon, so IDLE until it rises");
  }

  /** {@code tracker.STOW}: stow and stay stowed (cancels an unwind). */
  public synchronized String stow() {
    modeNow();
    if (state() == TrackerState.FAULT) {
      throw new CommandFailure("cannot stow: " + cause);
    }
    if (state() == TrackerState.STOWED) {
      throw new CommandFailure("already stowed");
    }
    if (state() == TrackerState.STOWING) {
      throw new CommandFailure("already stowing");
    }
    operatorStow = true;
    unwind = null;
    point = null;
    return "stowing: elevation to the stow angle, then motors off (tracker.TRACK or tracker.POINT to leave)";
  }

  /** {@code tracker.UNWIND}: turn the azimuth to the equivalent angle nearest the cable's neutral. */
  public synchronized String unwind() {
    modeNow();
    refuseIfFaulted("unwind");
    switch (state()) {
      case UNWINDING -> throw new CommandFailure("already unwinding: " + cause);
      case STOWING -> throw new CommandFailure("stowing: unwind once STOWED");
      default -> { }
    }
    CableWrap wrap = knownWrap();
    if (Math.abs(wrap.wrapDeg()) <= 180) {
      throw new CommandFailure(String.format("nothing to unwind: wrap %.1f deg is within half a turn of the neutral",
          wrap.wrapDeg()));
    }
    unwind = new Unwind("operator's tracker.UNWIND",
        state() == TrackerState.TRACKING || state() == TrackerState.ACQUIRING);
    return String.format("unwinding from %.1f deg to %.1f deg", wrap.wrapDeg(), CableWrap.shortest(wrap.wrapDeg()));
  }

  /** {@code tracker.POINT}: in MAINTENANCE, point the array at azimuth, elevation. */
  public synchronized String point(double azimuthDeg, double elevationDeg) {
    modeNow();
    refuseIfFaulted("point");
    if (state() == TrackerState.UNWINDING) {
      throw new CommandFailure("unwinding: point once it is done (" + cause + ")");
    }
    double goal = knownWrap().within(azimuthDeg, settings.cableWrapLimitDeg());
    point = new Point(azimuthDeg, elevationDeg);
    operatorStow = false;
    return String.format("pointing to azimuth %.2f deg, elevation %.2f deg (cable wrap %.1f deg)", azimuthDeg,
        elevationDeg, goal);
  }

  /** {@code tracker.SET_WRAP}: an operator states the cable wrap (after installation or repair). */
  public synchronized String setWrap(double wrapDeg) {
    modeNow();
    if (state() == TrackerState.UNWINDING) {
      throw new CommandFailure("unwinding: set the wrap once it is done");
    }
    TrackerStatus now = status;
    if (now == null || !now.azimuth().good()) {
      throw new CommandFailure("the azimuth encoder has no GOOD reading to check the wrap against");
    }
    double agreeing = wraps.set(wrapDeg, now.azimuth().degrees());
    return String.format("cable wrap %.2f deg", agreeing);
  }

  private CableWrap knownWrap() {
    return wraps.wrap().orElseThrow(
        () -> new CommandFailure("the cable wrap is not known yet: no GOOD azimuth reading so far"));
  }

  private void refuseIfFaulted(String what) {
    if (state() == TrackerState.FAULT) {
      throw new CommandFailure("cannot " + what + ": " + cause);
    }
    if (activeFault != null) {
      throw new CommandFailure("cannot " + what + ": " + activeFault.kind() + " " + activeFault.text());
    }
  }

  // ---- the cycle's parts

  /**
   * The tracker's mode now; a change since the last look ends an unwind and a manual pointing
   * (leaving SAFE also ends an operator's stow). Commands look first, so a request made just after
   * a mode change is not lost to it.
   */
  private Mode modeNow() {
    Mode mode = modes.of("tracker").orElse(Mode.SAFE);
    if (mode != lastMode) {
      if (lastMode == Mode.SAFE) {
        operatorStow = false; // leaving SAFE is an operator's choice to run again
      }
      unwind = null;
      point = null;
      lastMode = mode;
    }
    return mode;
  }

  private void observeSky(TrackerReadings r) {
    double horizon = parameters.number(TrackerParameters.HORIZON_DEG);
    double elevation = r.sun().elevationDeg();
    if (sunUp == null) {
      sunUp = elevation > horizon;
    } else {
      sunUp = sunUp ? elevation > horizon - HORIZON_HYSTERESIS_DEG : elevation > horizon + HORIZON_HYSTERESIS_DEG;
    }
    boolean enabled = parameters.flag(TrackerParameters.SUN_SENSOR_ENABLED);
    double minV = parameters.number(TrackerParameters.SUN_SENSOR_MIN_V);
    SunCorrection.Judgement judgement = correction.judge(r.sensor(), enabled, minV);
    boolean valid = judgement.valid() && r.encodersGood();
    if (valid) {
      correction.learn(r.time(), r.sensor(), r.azimuth().degrees(), r.elevation().degrees(), r.sun());
    }
    if (valid != sensorInLoop) {
      sensorInLoop = valid;
      if (valid) {
        events.emit(TrackerEvents.SUN_SENSOR_IN_LOOP, "sun sensor valid: correcting the ephemeris", Map.of());
      } else {
        String reason = judgement.valid() ? "an encoder reading is not GOOD" : judgement.reason();
        events.emit(TrackerEvents.SUN_SENSOR_OUT_OF_LOOP, "sun sensor out of the loop: " + reason
            + String.format("; keeping the correction %.3f, %.3f deg", correction.azimuthDeg(),
            correction.elevationDeg()), Map.of("reason", reason));
      }
    }
    boolean dark = r.sensor().quality() == Quality.GOOD && !(r.sensor().valid() && r.sensor().totalV() >= minV);
    darkSince = dark && sunUp ? (darkSince == null ? r.time() : darkSince) : null;
  }

  private void fault(TrackerFault fault, Mode mode) {
    boolean changed = activeFault == null || !activeFault.kind().equals(fault.kind());
    if (mode == Mode.SAFE && !changed) {
      return; // already safed for it
    }
    activeFault = fault;
    events.emitUnthrottled(TrackerEvents.FAULT, fault.kind() + ": " + fault.text(),
        Map.of("fault", fault.kind(), "text", fault.text()));
    safing.safe(SafingTable.onFault(fault.kind()).orElseThrow(), fault.kind() + ": " + fault.text());
  }

  private void safeCycle(TrackerReadings r) {
    if (state() == TrackerState.STOWED || state() == TrackerState.FAULT) {
      motorsOff();
      return;
    }
    if (!r.elevation().good()) {
      motorsOff();
      enter(TrackerState.FAULT, "cannot stow: elevation encoder " + r.elevation().quality() + " ("
          + r.elevation().fault() + "); motors off");
      return;
    }
    try {
      stowCycle("SAFE: stowing, then motors off");
    } catch (DeviceException e) {
      motorsOff();
      enter(TrackerState.FAULT, "cannot stow: " + e.getMessage() + "; motors off");
    }
  }

  private void automaticCycle(TrackerReadings r) {
    if (wraps.wrap().isEmpty() || !r.encodersGood()) {
      return; // a fault has safed it; nothing to steer by
    }
    CableWrap wrap = wraps.wrap().get();
    if (unwind != null) {
      unwindCycle(r);
      return;
    }
    if (operatorStow) {
      stowCycle("operator's tracker.STOW");
      return;
    }
    double w = wrap.wrapDeg();
    if (!sunUp) {
      if (Math.abs(w) > 180) {
        startUnwind(String.format("Sun below the horizon (elevation %.2f deg) with %.1f deg of cable wrap",
            r.sun().elevationDeg(), w), false, r);
        return;
      }
      motorsOff();
      enter(TrackerState.IDLE, String.format("Sun below the horizon (elevation %.2f deg)", r.sun().elevationDeg()));
      return;
    }
    double darkLimitS = parameters.number(TrackerParameters.DARK_UNWIND_AFTER_S);
    if (darkSince != null && Duration.between(darkSince, r.time()).toNanos() / 1e9 >= darkLimitS
        && Math.abs(w) > DARK_UNWIND_MIN_WRAP_DEG) {
      startUnwind(String.format("sun sensor dark since %s with %.1f deg of cable wrap", darkSince, w), true, r);
      return;
    }
    aimAtSun(r);
    double goalWrap = wrap.continuing(targetAzimuthDeg);
    double unwindAt = parameters.number(TrackerParameters.UNWIND_AT_DEG);
    if (Math.abs(goalWrap) > unwindAt) {
      startUnwind(String.format("tracking would wind the cable to %.1f deg, beyond tracker.unwind-at-deg %.1f deg",
          goalWrap, unwindAt), true, r);
      return;
    }
    double off = SkyAngles.between(r.azimuth().degrees(), r.elevation().degrees(), targetAzimuthDeg,
        targetElevationDeg);
    if (state() != TrackerState.TRACKING && off > ON_TARGET_DEG) {
      enter(TrackerState.ACQUIRING, state() == TrackerState.IDLE
          ? String.format("Sun above the horizon (elevation %.2f deg): slewing %.1f deg onto it",
          r.sun().elevationDeg(), off) : String.format("slewing %.1f deg onto the Sun", off));
    } else {
      enter(TrackerState.TRACKING, String.format("on the Sun (%.2f deg off)", off));
    }
    drive(r, goalWrap, targetElevationDeg);
  }

  private void manualCycle(TrackerReadings r) {
    if (wraps.wrap().isEmpty() || !r.encodersGood()) {
      return;
    }
    CableWrap wrap = wraps.wrap().get();
    if (unwind != null) {
      unwindCycle(r);
      return;
    }
    if (operatorStow) {
      stowCycle("operator's tracker.STOW");
      return;
    }
    if (point == null) {
      enter(TrackerState.MANUAL, "MAINTENANCE: holding still");
      return;
    }
    enter(TrackerState.MANUAL, String.format("MAINTENANCE: pointing to azimuth %.2f deg, elevation %.2f deg",
        point.azimuthDeg(), point.elevationDeg()));
    targetAzimuthDeg = point.azimuthDeg();
    targetElevationDeg = point.elevationDeg();
    drive(r, wrap.within(point.azimuthDeg(), settings.cableWrapLimitDeg()), point.elevationDeg());
  }

  private void startUnwind(String why, boolean followSun, TrackerReadings r) {
    unwind = new Unwind(why, followSun);
    unwindCycle(r);
  }

  private void unwindCycle(TrackerReadings r) {
    CableWrap wrap = wraps.wrap().orElseThrow();
    boolean follow = unwind.followSun() && sunUp;
    if (follow) {
      aimAtSun(r);
    } else {
      targetAzimuthDeg = r.azimuth().degrees();
      targetElevationDeg = r.elevation().degrees();
    }
    double goalWrap = wrap.nearestNeutral(targetAzimuthDeg);
    if (Math.abs(goalWrap - wrap.wrapDeg()) <= UNWIND_DONE_DEG) {
      wraps.saveSoon();
      unwind = null;
      return; // the next cycle carries on from the unwound azimuth
    }
    enter(TrackerState.UNWINDING, String.format("%s: to %.1f deg", unwind.cause(), goalWrap));
    motorsOn();
    moved = true;
    tracker.moveBy(Axis.AZIMUTH, goalWrap - wrap.wrapDeg());
    if (follow) {
      moveIfOff(Axis.ELEVATION, targetElevationDeg - r.elevation().degrees());
    }
  }

  private void stowCycle(String why) {
    if (state() == TrackerState.STOWED) {
      motorsOff();
      return;
    }
    enter(TrackerState.STOWING, why);
    motorsOn();
    moved = true;
    if (tracker.stow()) {
      motorsOff();
      enter(TrackerState.STOWED, why + ": at the stow angle, motors off");
    }
  }

  /** The ephemeris Sun plus the sun sensor's correction, elevation within the configured range. */
  private void aimAtSun(TrackerReadings r) {
    double az = r.sun().azimuthDeg() + correction.azimuthDeg();
    targetAzimuthDeg = az - 360 * Math.floor(az / 360);
    targetElevationDeg = Math.max(settings.elevationMinDeg(), Math.min(settings.elevationMaxDeg(),
        r.sun().elevationDeg() + correction.elevationDeg()));
  }

  private void drive(TrackerReadings r, double goalWrapDeg, double goalElevationDeg) {
    double az = goalWrapDeg - wraps.wrapDeg();
    double el = goalElevationDeg - r.elevation().degrees();
    if (Math.abs(az) > settings.deadbandDeg() || Math.abs(el) > settings.deadbandDeg()) {
      motorsOn();
      moveIfOff(Axis.AZIMUTH, az);
      moveIfOff(Axis.ELEVATION, el);
    }
  }

  private void moveIfOff(Axis axis, double degrees) {
    if (Math.abs(degrees) > settings.deadbandDeg()) {
      moved = true;
      tracker.moveBy(axis, degrees);
    }
  }

  private void motorsOn() {
    if (!tracker.motorsEnabled()) {
      tracker.enableMotors(true);
    }
  }

  private void motorsOff() {
    if (tracker.motorsEnabled()) {
      tracker.enableMotors(false);
    }
  }

  private void enter(TrackerState next, String why) {
    transitions.moveTo(next, why);
  }

  /** A move: its cause kept, the wrap saved soon, TRACKER_STATE_CHANGED. */
  private void entered(Move<TrackerState, String> move) {
    cause = move.cause();
    wraps.saveSoon();
    Map<String, String> args = new LinkedHashMap<>();
    args.put("from", move.from().name());
    args.put("to", move.to().name());
    args.put("cause", move.cause());
    args.put("wrap_deg", wraps.wrap().isEmpty() ? "unknown" : String.format("%.2f", wraps.wrapDeg()));
    events.emitUnthrottled(TrackerEvents.STATE_CHANGED, "tracker " + move.from() + " -> " + move.to() + ": "
        + move.cause(), args);
  }

  private TrackerState state() {
    return transitions.state();
  }

  // ---- what the cycle leaves for telemetry

  private TrackerStatus snapshot(TrackerReadings r, Mode mode) {
    double error;
    PointingSource source;
    if (!r.encodersGood()) {
      error = Double.NaN;
      source = PointingSource.NONE;
    } else if (sensorInLoop && correction.judge(r.sensor(), true,
        parameters.number(TrackerParameters.SUN_SENSOR_MIN_V)).valid()) {
      error = correction.errorDeg(r.sensor());
      source = PointingSource.SUN_SENSOR;
    } else {
      double az = r.sun().azimuthDeg() + correction.azimuthDeg();
      double el = r.sun().elevationDeg() + correction.elevationDeg();
      error = SkyAngles.between(r.azimuth().degrees(), r.elevation().degrees(), az, el);
      source = PointingSource.EPHEMERIS;
    }
    return new TrackerStatus(r.time(), state(), cause, mode, tracker.motorsEnabled(), r.azimuth(), r.elevation(),
        r.limits(), r.sensor(), targetAzimuthDeg, targetElevationDeg, wraps.wrapDeg(),
        r.sun().azimuthDeg(), r.sun().elevationDeg(), error, source, sensorInLoop, correction.azimuthDeg(),
        correction.elevationDeg(), tracker.stepsIssued(Axis.AZIMUTH), tracker.stepsIssued(Axis.ELEVATION));
  }
}
