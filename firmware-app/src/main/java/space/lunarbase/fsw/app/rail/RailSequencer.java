package space.lunarbase.fsw.app.rail;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.state.Move;
import space.lunarbase.fsw.core.state.Transitions;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.rail.FrontEndReading;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.rail.RailAction;
import space.lunarbase.proto.v1.ShotReport;

/**
 * The launch-rail sequence, an explicit state machine driven by commands and by {@link #tick}:
 *
 * <pre>
 *   SAFE --ARM--> ARMING --settled--> ARMED --FIRE--> FIRE --flown--> ANALYZE --analysed--> SAFE
 *              (interlocks)         (window)   (range safety,            (drain, speeds,
 *                                               fresh arm)                anomalies, report)
 *   any state --ABORT / rail.SAFE / rail mode not NOMINAL--> SAFE
 * </pre>
 *
 * <p>Every (state, command) pair has one outcome (a text for COMPLETED, or CommandFailure with the
 * reason for FAILED):
 *
 * <table>
 *   <caption>state x command</caption>
 *   <tr><th></th><th>PLAN_SHOT</th><th>ARM</th><th>FIRE</th><th>ABORT, SAFE</th></tr>
 *   <tr><td>SAFE</td><td>plans (replaces any plan)</td><td>ARMING if a plan and every interlock
 *       pass, else FAILED with every failed interlock</td><td>FAILED: not ARMED</td><td>re-drives
 *       the hardware safe</td></tr>
 *   <tr><td>ARMING</td><td>FAILED: plan locked</td><td>FAILED: already arming</td>
 *       <td>FAILED: not ARMED yet</td><td>SAFE</td></tr>
 *   <tr><td>ARMED</td><td>FAILED: plan locked</td><td>FAILED: already armed</td><td>FIRE if the arm
 *       is fresh (it carries the current arm's token, within rail.arm-window-s) and the interlocks still
 *       pass, else FAILED (and SAFE if the window ran out or an interlock failed)</td><td>SAFE</td></tr>
 *   <tr><td>FIRE</td><td>FAILED: plan locked</td><td>FAILED: shot in progress</td>
 *       <td>FAILED: shot in progress</td><td>disarms (pending coils cancelled), drains, reports
 *       the shot as aborted, SAFE</td></tr>
 *   <tr><td>ANALYZE</td><td>FAILED: plan locked</td><td>FAILED: shot in progress</td>
 *       <td>FAILED: shot in progress</td><td>reports the shot as aborted, SAFE</td></tr>
 * </table>
 *
 * <p>ARM: SAFE to ARMING, interlocks checked ({@link Interlocks}), firing table computed from the
 * plan uploaded and verified, front-end armed, arm output high; after {@code rail.arm-settle-s}
 * the rail is ARMED (arm n, n = 1, 2, ... per boot, a label; the arm's authority is its
 * {@link ArmToken}, drawn at ARM, published on {@code tlm/rail} while ARMING or ARMED and in the
 * ARM's ack, and carried by FIRE: a token of another arm, spent, abandoned or guessed does not
 * fire). While ARMING or ARMED the rail's inputs and
 * the armed front-end are watched every cycle; a failure makes the rail SAFE (INTERLOCK_LOST).
 * ARMED lasts {@code rail.arm-window-s}, then SAFE (ARM_EXPIRED). FIRE hands the table to the
 * front-end (fire permit high, FIRE): the front-end fires the coils, this class never times them.
 * While the sled flies the FIFO is drained every cycle; once the front-end has fired every coil and
 * the last gate is crossed (or {@code rail.shot-timeout-s} passed) the outputs drop, the front-end
 * is disarmed, the last records are drained and {@link ShotAnalyzer} gives the speeds and
 * anomalies; the report goes out on {@code tlm/shot} and the rail is SAFE. A plan is used by one
 * FIRE. Every transition raises RAIL_STATE_CHANGED and sends {@code tlm/rail} (and {@code tlm/shot}
 * while there is a shot). Time is the injected clock's. Thread-safe (one lock).
 */
public final class RailSequencer {

  private static final int MAX_FINAL_DRAINS = 100;
  /** Tokens of earlier arms remembered to say so when a FIRE carries one. */
  private static final int REMEMBERED_TOKENS = 16;

  /** Why the rail moves, and the shot its event names (the one just analysed, when SAFE follows it). */
  private record Cause(String text, ShotPlan about) {}

  private final LaunchRail rail;
  private final RailGeometry geometry;
  private final ShotPlanner planner;
  private final ShotAnalyzer analyzer;
  private final Interlocks interlocks;
  private final Parameters parameters;
  private final Modes modes;
  private final EventLog events;
  private final RailFrames frames;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> earlierTokens = new LinkedHashMap<>(REMEMBERED_TOKENS, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > REMEMBERED_TOKENS;
    }
  };

  private final Transitions<RailState, Cause> transitions = RailState.transitions(this::entered);
  private Instant since;
  private long arm;
  private ArmToken token;
  private ShotPlan plan;
  private ShotPlan flying;
  private ShotRecording recording;
  private OptionalDouble bankAtArm = OptionalDouble.empty();
  private OptionalDouble bankBeforeShot = OptionalDouble.empty();
  private boolean outputsDropped;
  private ShotReport lastReport;

  RailSequencer(LaunchRail rail, RailGeometry geometry, Interlocks interlocks, Parameters parameters, Modes modes,
      EventLog events, RailFrames frames, InstantSource clock) {
    this.rail = rail;
    this.geometry = geometry;
    this.planner = new ShotPlanner(geometry);
    this.analyzer = new ShotAnalyzer(geometry);
    this.interlocks = interlocks;
    this.parameters = parameters;
    this.modes = modes;
    this.events = events;
    this.frames = frames;
    this.clock = clock;
    this.since = clock.instant();
  }

  // -- commands

  /** rail.PLAN_SHOT: plans {@code payloadId}'s shot; SAFE only. */
  public synchronized String planShot(String payloadId, double massKg, double speedMps) {
    if (state() != RailState.SAFE) {
      throw refused("rail.PLAN_SHOT", "the plan is locked until the rail is SAFE (send rail.ABORT first)");
    }
    ShotPlan next = planner.plan(payloadId, massKg, speedMps, parameters.number(RailParameters.EFFICIENCY),
        parameters.number(RailParameters.STAGE_ENERGY_J));
    plan = next;
    bankAtArm = OptionalDouble.empty();
    String text = String.format(Locale.ROOT, "%s: %.3f kg to %.1f m/s: %d of %d stages, planned exit %.3f m/s,"
        + " needs %.0f J from the bank", next.payloadId(), next.massKg(), next.targetSpeedMps(), next.stages(),
        next.coilPositionsM().size(), next.plannedExitSpeedMps(), next.requiredEnergyJ());
    Map<String, String> args = shotArgs(next);
    args.put("mass_kg", Double.toString(next.massKg()));
    args.put("target_mps", Double.toString(next.targetSpeedMps()));
    args.put("planned_exit_mps", Double.toString(next.plannedExitSpeedMps()));
    args.put("stages", Integer.toString(next.stages()));
    args.put("required_j", Double.toString(next.requiredEnergyJ()));
    events.emitUnthrottled(RailEvents.SHOT_PLANNED, "planned " + text, args);
    publish(clock.instant());
    return text;
  }

  /** rail.ARM: SAFE to ARMING if a shot is planned and every interlock passes. */
  public synchronized String arm(String cause) {
    if (state() != RailState.SAFE) {
      throw refused("rail.ARM", switch (state()) {
        case ARMING -> "already arming (arm " + arm + ")";
        case ARMED -> "already armed (arm " + arm + ")";
        default -> "a shot is in progress";
      });
    }
    if (plan == null) {
      throw refused("rail.ARM", "no shot planned: send rail.PLAN_SHOT first");
    }
    arm++;
    token = ArmToken.draw(random);
    enter(RailState.ARMING, cause);
    List<String> refusals = new ArrayList<>();
    step("front-end: clear the FIFO", rail.clearEvents(), refusals);
    Interlocks.Check check = interlocks.beforeArming(plan);
    refusals.addAll(check.refusals());
    bankAtArm = check.bankEnergyJ();
    if (!refusals.isEmpty()) {
      Map<String, String> args = shotArgs(plan);
      for (int i = 0; i < refusals.size(); i++) {
        args.put("interlock_" + (i + 1), refusals.get(i));
      }
      events.emitUnthrottled(RailEvents.ARM_REFUSED, "arm " + arm + " refused: " + String.join("; ", refusals), args);
      toSafe("interlocks refused arm " + arm);
      throw new CommandFailure("rail.ARM refused by the interlocks: " + String.join("; ", refusals));
    }
    List<String> failures = new ArrayList<>();
    step("upload the firing table", rail.uploadFiringTable(plan.firingTable()), failures);
    if (failures.isEmpty()) {
      step("arm the front-end", rail.armFrontEnd(), failures);
    }
    if (failures.isEmpty()) {
      step("arm output high", rail.setArmOutput(true), failures);
    }
    if (!failures.isEmpty()) {
      toSafe("arming arm " + arm + " failed");
      throw new CommandFailure("rail.ARM failed: " + String.join("; ", failures));
    }
    return String.format(Locale.ROOT, "arming arm %d for %s: ARMED in %.3f s if the interlocks hold;"
        + " token %s (rail.FIRE arm=%s)", arm, plan.payloadId(), parameters.number(RailParameters.ARM_SETTLE_S),
        token, token);
  }

  /**
   * rail.FIRE: ARMED to FIRE, for the current arm (named by its token) within its window, the
   * interlocks still passing.
   *
   * @param given the token the FIRE carries, as written ({@link ArmToken})
   */
  public synchronized String fire(String given, String cause) {
    if (state() != RailState.ARMED) {
      throw refused("rail.FIRE", switch (state()) {
        case SAFE -> "the rail is not ARMED";
        case ARMING -> "not ARMED yet (arm " + arm + " is settling)";
        default -> "a shot is in progress";
      });
    }
    ArmToken carried = ArmToken.parse(given).orElseThrow(() -> refused("rail.FIRE", "arm must be the arm's token,"
        + " 4 groups of 4 hex digits as tlm/rail and the ARM's ack give it"));
    if (!carried.matches(token)) {
      Long earlier = earlierTokens.get(carried.text());
      throw refused("rail.FIRE", (earlier != null ? "token " + carried + " is arm " + earlier + "'s, spent or"
          + " abandoned" : "token " + carried + " is not the current arm's (no arm of this boot had it)")
          + "; arm " + arm + " is ARMED: a FIRE carries the token its ARM gave");
    }
    Instant now = clock.instant();
    if (windowOver(now)) {
      expire();
      throw new CommandFailure("rail.FIRE refused: arm " + arm + " expired (rail.arm-window-s = "
          + parameters.number(RailParameters.ARM_WINDOW_S) + " s); the rail is SAFE");
    }
    Interlocks.Check check = interlocks.beforeFiring(plan);
    if (!check.passed()) {
      interlockLost(check);
      throw new CommandFailure("rail.FIRE refused by the interlocks: " + String.join("; ", check.refusals())
          + "; the rail is SAFE");
    }
    List<String> failures = new ArrayList<>();
    step("fire permit high", rail.setFirePermit(true), failures);
    if (failures.isEmpty()) {
      step("fire", rail.fire(), failures);
    }
    if (!failures.isEmpty()) {
      toSafe("firing arm " + arm + " failed");
      throw new CommandFailure("rail.FIRE failed: " + String.join("; ", failures) + "; the rail is SAFE");
    }
    flying = plan;
    plan = null;
    recording = new ShotRecording();
    bankBeforeShot = check.bankEnergyJ();
    outputsDropped = false;
    String text = "fired arm " + arm + ": " + flying.payloadId() + ", " + flying.stages()
        + (flying.stages() == 1 ? " stage" : " stages");
    events.emitUnthrottled(RailEvents.SHOT_FIRED, text, shotArgs(flying));
    enter(RailState.FIRE, cause);
    return text;
  }

  /**
   * rail.ABORT and rail.SAFE: the hardware made safe from any state (each step attempted); a shot
   * in FIRE or ANALYZE is drained and reported as aborted. FAILED only if a hardware step failed
   * (the rail is SAFE all the same).
   */
  public synchronized String abort(String cause) {
    RailState from = state();
    List<String> failures = abortToSafe(cause);
    if (!failures.isEmpty()) {
      throw new CommandFailure("rail SAFE from " + from + ", but: " + String.join("; ", failures));
    }
    return from == RailState.SAFE ? "rail " + rail.id() + " SAFE (was SAFE; hardware made safe again)"
        : "rail " + rail.id() + " SAFE (was " + from + ")";
  }

  // -- time

  /** One sequence cycle at {@code now}: mode watch, interlock watch, settle, window, shot progress. */
  public synchronized void tick(Instant now) {
    if (state() == RailState.SAFE) {
      return;
    }
    Mode mode = modes.of("rail").orElse(Mode.SAFE);
    if (mode != Mode.NOMINAL) {
      abortToSafe("rail mode " + mode);
      return;
    }
    switch (state()) {
      case ARMING, ARMED -> watchArmed(now);
      case FIRE -> flying(now);
      case ANALYZE -> analyse(now);
      case SAFE -> { }
    }
  }

  /** Sends {@code tlm/rail} now (the periodic telemetry task). */
  public synchronized void publishRail(Instant now) {
    frames.rail(rail, state(), modes.of("rail").orElse(Mode.SAFE), arm, liveToken().orElse(""),
        shot() == null ? "" : shot().payloadId(), now);
  }

  /** The current arm's token while ARMING or ARMED; empty in every other state. */
  public synchronized Optional<String> liveToken() {
    return (state() == RailState.ARMING || state() == RailState.ARMED) && token != null
        ? Optional.of(token.text()) : Optional.empty();
  }

  // -- what it is doing

  public synchronized RailState state() {
    return transitions.state();
  }

  /** The current (or last) arm number; 0 before the first ARM. */
  public synchronized long arm() {
    return arm;
  }

  /** The shot planned and not yet fired. */
  public synchronized Optional<ShotPlan> plan() {
    return Optional.ofNullable(plan);
  }

  /** The report of the last analysed shot. */
  public synchronized Optional<ShotReport> lastReport() {
    return Optional.ofNullable(lastReport);
  }

  // -- transitions

  private void watchArmed(Instant now) {
    Interlocks.Check check = interlocks.whileArmed();
    if (!check.passed()) {
      interlockLost(check);
      return;
    }
    if (state() == RailState.ARMING) {
      if (!now.isBefore(since.plus(seconds(RailParameters.ARM_SETTLE_S)))) {
        enter(RailState.ARMED, "arm " + arm + " settled");
      }
    } else if (windowOver(now)) {
      expire();
    }
  }

  private void flying(Instant now) {
    recording.add(rail.drainEvents());
    FrontEndReading frontEnd = rail.readFrontEnd();
    boolean firing = frontEnd.quality() != Quality.GOOD || frontEnd.status().firing();
    if (!firing && !outputsDropped) {
      hardwareFaults(safeHardware());
      outputsDropped = true;
    }
    boolean timedOut = !now.isBefore(since.plus(seconds(RailParameters.SHOT_TIMEOUT_S)));
    boolean flown = !firing && recording.crossed(lastGate());
    if (flown || timedOut) {
      if (firing) {
        recording.timedOut();
      }
      if (!outputsDropped) {
        hardwareFaults(safeHardware());
        outputsDropped = true;
      }
      enter(RailState.ANALYZE, flown ? "every coil fired and the last gate is crossed"
          : "rail.shot-timeout-s ran out");
    }
  }

  private void analyse(Instant now) {
    if (recording.add(rail.drainEvents())) {
      return; // more records waiting: the next cycle drains on
    }
    RailFrames.ShotSnapshot report = finishShot();
    enter(RailState.SAFE, "shot analysed", report.plan());
    frames.shot(rail.id(), report, now);
  }

  /**
   * Analyses the shot in flight, emits its anomalies and SHOT_ANALYZED, keeps its report and
   * returns it (as the rail, SAFE next, will send it).
   */
  private RailFrames.ShotSnapshot finishShot() {
    ShotAnalysis analysis = analyzer.analyze(flying, recording,
        parameters.number(RailParameters.SPEED_TOLERANCE_PCT) / 100);
    OptionalDouble after = interlocks.bankEnergyJ();
    OptionalDouble used = bankBeforeShot.isPresent() && after.isPresent()
        ? OptionalDouble.of(bankBeforeShot.getAsDouble() - after.getAsDouble()) : OptionalDouble.empty();
    for (ShotAnomaly anomaly : analysis.anomalies()) {
      Map<String, String> args = shotArgs(flying);
      args.put("kind", anomaly.kindName());
      args.put("gate", Integer.toString(anomaly.gate()));
      args.put("coil", Integer.toString(anomaly.coil()));
      events.emitUnthrottled(RailEvents.SHOT_ANOMALY, flying.payloadId() + ": " + anomaly.kindName() + ": "
          + anomaly.text(), args);
    }
    Map<String, String> args = shotArgs(flying);
    String exit = analysis.exitSpeedMps().isPresent()
        ? String.format(Locale.ROOT, "%.3f m/s", analysis.exitSpeedMps().getAsDouble()) : "not measured";
    args.put("exit_mps", analysis.exitSpeedMps().isPresent()
        ? Double.toString(analysis.exitSpeedMps().getAsDouble()) : "");
    args.put("planned_exit_mps", Double.toString(flying.plannedExitSpeedMps()));
    args.put("anomalies", Integer.toString(analysis.anomalies().size()));
    used.ifPresent(j -> args.put("energy_used_j", Double.toString(j)));
    events.emitUnthrottled(RailEvents.SHOT_ANALYZED, String.format(Locale.ROOT, "%s: exit %s (plan %.3f m/s), %d"
        + " anomalies", flying.payloadId(), exit, flying.plannedExitSpeedMps(), analysis.anomalies().size()), args);
    RailFrames.ShotSnapshot report = new RailFrames.ShotSnapshot(flying, RailState.SAFE, arm, bankAtArm, used,
        analysis);
    lastReport = RailFrames.report(rail.id(), report);
    flying = null;
    recording = null;
    return report;
  }

  private void expire() {
    Map<String, String> args = shotArgs(plan);
    args.put("window_s", Double.toString(parameters.number(RailParameters.ARM_WINDOW_S)));
    events.emitUnthrottled(RailEvents.ARM_EXPIRED, "arm " + arm + " expired unused after "
        + parameters.number(RailParameters.ARM_WINDOW_S) + " s", args);
    toSafe("arm " + arm + " window ran out");
  }

  private void interlockLost(Interlocks.Check check) {
    Map<String, String> args = shotArgs(plan);
    for (int i = 0; i < check.refusals().size(); i++) {
      args.put("interlock_" + (i + 1), check.refusals().get(i));
    }
    events.emitUnthrottled(RailEvents.INTERLOCK_LOST, "arm " + arm + " in " + state() + ": "
        + String.join("; ", check.refusals()), args);
    toSafe("interlock lost: " + String.join("; ", check.refusals()));
  }

  /** The hardware made safe and the state SAFE, from any state; returns the steps that failed. */
  private List<String> abortToSafe(String cause) {
    RailState from = state();
    List<String> failures = safeHardware();
    hardwareFaults(failures);
    RailFrames.ShotSnapshot report = null;
    Map<String, String> args = shotArgs(shot());
    if (from == RailState.FIRE || from == RailState.ANALYZE) {
      for (int i = 0; i < MAX_FINAL_DRAINS && recording.add(rail.drainEvents()); i++) {
        // drain what the front-end still holds, bounded
      }
      recording.aborted();
      report = finishShot();
    }
    if (from != RailState.SAFE) {
      args.put("from", from.name());
      args.put("cause", cause);
      events.emitUnthrottled(RailEvents.RAIL_ABORTED, "aborted in " + from + ": " + cause, args);
      enter(RailState.SAFE, cause, report != null ? report.plan() : shot());
    }
    if (report != null) {
      frames.shot(rail.id(), report, clock.instant());
    }
    return failures;
  }

  private void toSafe(String cause) {
    hardwareFaults(safeHardware());
    enter(RailState.SAFE, cause);
  }

  /** Front-end disarmed (pending coils cancelled), fire permit and arm output low: each attempted. */
  private List<String> safeHardware() {
    List<String> failures = new ArrayList<>();
    step("disarm the front-end", rail.disarmFrontEnd(), failures);
    step("fire permit low", rail.setFirePermit(false), failures);
    step("arm output low", rail.setArmOutput(false), failures);
    return failures;
  }

  private void hardwareFaults(List<String> failures) {
    for (String failure : failures) {
      events.emitUnthrottled(RailEvents.RAIL_HARDWARE_FAULT, "rail " + rail.id() + ": " + failure,
          Map.of("rail", rail.id(), "step", failure));
    }
  }

  private void enter(RailState to, String cause) {
    enter(to, cause, shot());
  }

  /** Moves to {@code to}, naming {@code about}'s payload in the event (the shot just analysed, when SAFE follows it). */
  private void enter(RailState to, String cause, ShotPlan about) {
    transitions.moveTo(to, new Cause(cause, about));
  }

  /** A move: the arm's token spent or abandoned, RAIL_STATE_CHANGED, {@code tlm/rail} (and {@code tlm/shot}). */
  private void entered(Move<RailState, Cause> move) {
    RailState to = move.to();
    if (to != RailState.ARMING && to != RailState.ARMED && token != null) {
      earlierTokens.put(token.text(), arm); // spent by FIRE, or abandoned: never valid again
      token = null;
    }
    since = clock.instant();
    Map<String, String> args = shotArgs(move.cause().about());
    args.put("from", move.from().name());
    args.put("to", to.name());
    args.put("cause", move.cause().text());
    events.emitUnthrottled(RailEvents.RAIL_STATE_CHANGED, "rail " + move.from() + " -> " + to + ": "
        + move.cause().text(), args);
    publish(since);
  }

  private void publish(Instant now) {
    publishRail(now);
    ShotPlan shot = shot();
    if (shot != null) {
      frames.shot(rail.id(), new RailFrames.ShotSnapshot(shot, state(), arm, bankAtArm, OptionalDouble.empty(), null),
          now);
    }
  }

  /** The shot in flight, else the one planned; null if neither. */
  private ShotPlan shot() {
    return flying != null ? flying : plan;
  }

  private boolean windowOver(Instant now) {
    return now.isAfter(since.plus(seconds(RailParameters.ARM_WINDOW_S)));
  }

  private int lastGate() {
    return geometry.gates() - 1;
  }

  private Duration seconds(String parameter) {
    return Duration.ofNanos(Math.round(parameters.number(parameter) * 1e9));
  }

  private Map<String, String> shotArgs(ShotPlan shot) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("rail", rail.id());
    args.put("arm", Long.toString(arm));
    args.put("payload", shot == null ? "" : shot.payloadId());
    return args;
  }

  private static void step(String what, RailAction action, List<String> failures) {
    if (!action.done()) {
      failures.add(what + ": " + action.reason());
    }
  }

  private CommandFailure refused(String command, String why) {
    return new CommandFailure(command + " refused in " + state() + ": " + why);
  }
}
