package space.lunarbase.fsw.app.bank;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.fdir.RedConditions;
import space.lunarbase.fsw.core.fdir.SafingTable;
import space.lunarbase.fsw.core.fdir.SiteSafing;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.state.Move;
import space.lunarbase.fsw.core.state.Transitions;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.bank.CellReading;
import space.lunarbase.hal.bank.ContactorStatus;

/**
 * Bank management: the {@link BankState} machine that charges the bank to a commanded per-cell
 * target under a current limit ({@link ChargeLaw}), balances its cells ({@link Balancer}), guards
 * it ({@link Protection}), checks its contactors' feedback, and tells the launch rail whether it is
 * ready for a shot and with how much energy ({@link ShotReadiness}).
 *
 * <p>{@link #cycle} runs on a rate group every {@code lunarbase.bank.management.period}: it reads
 * the cells, pack and contactors (temperatures from {@link BankThermometers}), judges the
 * protections, follows the bank's mode, steps the state machine and publishes a
 * {@link BankStatus}. A protection trip holds a red condition (so the bank cannot leave SAFE while
 * it persists), raises {@code BANK_PROTECTION_TRIPPED} and applies its {@link SafingTable} rule.
 * Commands ({@link #charge}, {@link #discharge}, {@link #stop}, {@link #openContactors} and the
 * maintenance ones) run on the dispatcher's thread and are refused with a reason when the state
 * does not allow them. Cycle and commands are serialised; {@link #status()} and
 * {@link #latest()} read a published snapshot without locking.
 *
 * <p>Outputs ({@link BankOutputs}) by state: SAFE, FAULT, IDLE and READY keep the charger at 0
 * and both contactors open (in SAFE and FAULT only the cells above the over-voltage clear level
 * bleed); CHARGING and BALANCING close the main contactor and command current only once its
 * feedback reads CLOSED; DISCHARGING closes the discharge contactor; MANUAL leaves the outputs to
 * the engineer.
 */
public final class BankManager implements ShotReadiness {

  /** READY tops up when the lowest cell falls this many balance bands below the target. */
  static final double TOP_UP_BANDS = 2;
  /** The charger is watched while its order is at least this many amps (tapering orders are smaller). */
  static final double CHARGER_WATCHED_FROM_A = 2;
  /** It must deliver at least this fraction of its order... */
  static final double CHARGER_DELIVERY_FRACTION = 0.5;
  /** ...or, after this long of the injected clock without, the charge stops. */
  static final Duration CHARGER_TIMEOUT = Duration.ofSeconds(3);
  /** A status older than this many control periods is stale: the rail is told not ready. */
  static final int STALE_PERIODS = 5;

  private final CellBank bank;
  private final BankRatings ratings;
  private final Parameters parameters;
  private final Modes modes;
  private final RedConditions conditions;
  private final SiteSafing safing;
  private final EventLog events;
  private final BankThermometers thermometers;
  private final InstantSource clock;
  private final Duration staleAfter;
  private final BankProtections protections = new BankProtections();
  private final BankOutputs outputs;

  private final Transitions<BankState, String> transitions;
  private String reason = "bank management has not run yet";
  private double targetV = Double.NaN;
  private double orderAmps;
  /** Since when the charger has delivered less than it was ordered; null while it delivers. */
  private Instant chargerShortSince;
  private BankReadings last;
  private volatile BankStatus status;

  public BankManager(CellBank bank, BankRatings ratings, Parameters parameters, Modes modes, RedConditions conditions,
                     SiteSafing safing, EventLog events, BankThermometers thermometers, InstantSource clock,
                     Duration period) {
    this.bank = Objects.requireNonNull(bank, "bank");
    this.ratings = Objects.requireNonNull(ratings, "ratings");
    this.parameters = parameters;
    this.modes = modes;
    this.conditions = conditions;
    this.safing = safing;
    this.events = events;
    this.thermometers = thermometers;
    this.clock = clock;
    this.staleAfter = period.multipliedBy(STALE_PERIODS);
    this.outputs = new BankOutputs(bank, events);
    this.transitions = BankState.transitions(this::announce);
  }

  // -- the cycle

  /** One control cycle at {@code now} (the rate-group task's body). Never throws for a hardware fault. */
  public synchronized void cycle(Instant now) {
    BankReadings r = new BankReadings(now, bank.readPack(), bank.readCells(), thermometers.latest(now),
        bank.readContactor(BankContactor.MAIN), bank.readContactor(BankContactor.DISCHARGE));
    last = r;
    for (BankProtections.Change change : protections.evaluate(r, ProtectionLimits.of(parameters))) {
      if (change.tripped()) {
        trip(change);
      } else {
        clear(change);
      }
    }
    followMode();
    switch (state()) {
      case SAFE, FAULT -> safe(r);
      case IDLE, MANUAL -> { }
      case CHARGING, BALANCING -> charge(r);
      case READY -> ready(r);
      case DISCHARGING -> discharge(r);
    }
    publish(r);
  }

  private void trip(BankProtections.Change change) {
    Protection p = change.protection();
    Protection.Finding f = change.finding();
    String cause = p.fault() + ": " + f.text();
    conditions.hold(p.fault(), Set.of("bank"), cause);
    Map<String, String> args = new LinkedHashMap<>();
    args.put("protection", p.name());
    args.put("fault", p.fault());
    args.put("value", Double.toString(f.value()));
    args.put("threshold", Double.toString(f.threshold()));
    args.put("state", transitions.current().map(BankState::name).orElse(""));
    events.emitUnthrottled(BankEvents.PROTECTION_TRIPPED, "bank protection " + p + " tripped: " + f.text(), args);
    targetV = Double.NaN;
    safing.safe(SafingTable.onFault(p.fault()).orElseThrow(), cause);
  }

  private void clear(BankProtections.Change change) {
    Protection p = change.protection();
    conditions.release(p.fault());
    events.emitUnthrottled(BankEvents.PROTECTION_CLEARED, "bank protection " + p + " cleared: "
        + change.finding().text() + "; the bank stays SAFE until an operator sets it NOMINAL",
        Map.of("protection", p.name(), "fault", p.fault(), "value", Double.toString(change.finding().value())));
  }

  /** Enters the state family of the bank's mode if the state is not in it. */
  private void followMode() {
    Mode mode = mode();
    if (transitions.current().filter(s -> BankState.belongsTo(s, mode)).isPresent()) {
      return;
    }
    targetV = Double.NaN;
    outputs.allOff();
    switch (mode) {
      case SAFE -> enter(holding().isPresent() ? BankState.FAULT : BankState.SAFE,
          holding().orElse("bank mode is SAFE"));
      case MAINTENANCE -> enter(BankState.MANUAL, "bank mode is MAINTENANCE: automatic control suspended");
      case NOMINAL -> enter(BankState.IDLE, "bank mode is NOMINAL");
    }
  }

  private void safe(BankReadings r) {
    Optional<String> held = holding();
    if (held.isPresent() && state() == BankState.SAFE) {
      enter(BankState.FAULT, held.get());
    } else if (held.isEmpty() && state() == BankState.FAULT) {
      enter(BankState.SAFE, "nothing holds the bank SAFE any more: core.SET_MODE bank NOMINAL recovers it");
    } else if (held.isPresent()) {
      reason = held.get();
    }
    // an overcharged cell is bled down to the protection's clear level, so its condition can go
    double clearLevel = parameters.number(BankParameters.CELL_OVERVOLTAGE_V) - Protection.VOLTAGE_HYSTERESIS_V;
    boolean[] next = outputs.none();
    if (protections.holds(Protection.CELL_OVERVOLTAGE)) {
      for (CellReading c : r.cells()) {
        next[c.cell()] = c.isGood() && c.volts() >= clearLevel;
      }
    }
    outputs.bleed(next);
  }

  private void charge(BankReadings r) {
    if (!r.cellsGood()) {
      readingsBad(r, "charge stopped");
      return;
    }
    if (chargerFailed(r)) {
      return;
    }
    double highest = r.highestCell().orElseThrow().volts();
    double lowest = r.lowestCell().orElseThrow().volts();
    double band = parameters.number(BankParameters.BALANCE_BAND_V);
    double window = parameters.number(BankParameters.TAPER_WINDOW_V);
    if (state() == BankState.CHARGING && highest >= targetV - window) {
      enter(BankState.BALANCING, "highest cell at %.4f V, within %.3f V of the %.3f V target: topping up and balancing"
          .formatted(highest, window, targetV));
    }
    if (state() == BankState.BALANCING && highest >= targetV - band / 4 && lowest >= targetV - band
        && highest <= targetV + band / 2) {
      outputs.allOff();
      enter(BankState.READY, "every cell within %.1f mV of the %.3f V target (%.4f..%.4f V)"
          .formatted(band * 1e3, targetV, lowest, highest));
      return;
    }
    outputs.close(BankContactor.MAIN, r.main().commandedClosed());
    double limit = Math.min(orderAmps, parameters.number(BankParameters.CHARGE_CURRENT_LIMIT_A));
    boolean closed = r.main().status() == ContactorStatus.CLOSED;
    outputs.charger(closed ? ChargeLaw.currentA(limit, targetV, highest, window, chargerResolutionA()) : 0);
    outputs.bleed(Balancer.decide(r.cells(), outputs.bleeding(), band));
  }

  /**
   * Whether the charger has failed to deliver: the current measured at the pack below
   * {@link #CHARGER_DELIVERY_FRACTION} of the order in force (the order before this cycle, which the
   * reading answers) for {@link #CHARGER_TIMEOUT}. The charge then stops: outputs off, IDLE, a
   * {@code BANK_CHARGER_NOT_DELIVERING} event. Not a safing matter (nothing is overcharged), but a
   * charge that would never end.
   */
  private boolean chargerFailed(BankReadings r) {
    double ordered = outputs.chargerOrderA();
    boolean watched = ordered >= CHARGER_WATCHED_FROM_A && r.pack().isGood()
        && r.main().status() == ContactorStatus.CLOSED;
    if (!watched || r.pack().currentA() >= CHARGER_DELIVERY_FRACTION * ordered) {
      chargerShortSince = null;
      return false;
    }
    if (chargerShortSince == null) {
      chargerShortSince = r.time();
    }
    if (Duration.between(chargerShortSince, r.time()).compareTo(CHARGER_TIMEOUT) < 0) {
      return false;
    }
    String text = "charger not delivering: ordered %.1f A, measured %.1f A at the pack for %d s; charge stopped"
        .formatted(ordered, r.pack().currentA(), Duration.between(chargerShortSince, r.time()).toSeconds());
    events.emitUnthrottled(BankEvents.CHARGER_NOT_DELIVERING, text, Map.of("ordered_a", Double.toString(ordered),
        "measured_a", Double.toString(r.pack().currentA()), "state", state().name()));
    chargerShortSince = null;
    outputs.allOff();
    targetV = Double.NaN;
    enter(BankState.IDLE, text);
    return true;
  }

  private void ready(BankReadings r) {
    if (!r.cellsGood()) {
      readingsBad(r, "readiness withdrawn");
      return;
    }
    double lowest = r.lowestCell().orElseThrow().volts();
    double band = parameters.number(BankParameters.BALANCE_BAND_V);
    if (lowest < targetV - TOP_UP_BANDS * band) {
      enter(BankState.CHARGING, "lowest cell at %.4f V, more than %.1f mV below the %.3f V target: topping up"
          .formatted(lowest, TOP_UP_BANDS * band * 1e3, targetV));
    }
  }

  private void discharge(BankReadings r) {
    if (!r.cellsGood()) {
      readingsBad(r, "discharge stopped");
      return;
    }
    double highest = r.highestCell().orElseThrow().volts();
    double lowest = r.lowestCell().orElseThrow().volts();
    if (highest <= targetV || lowest <= 0) {
      outputs.allOff();
      String why = highest <= targetV ? "discharged: highest cell at %.4f V, target %.3f V".formatted(highest, targetV)
          : "discharge ended: lowest cell at %.4f V (no cell is driven below 0 V)".formatted(lowest);
      targetV = Double.NaN;
      enter(BankState.IDLE, why);
      return;
    }
    outputs.close(BankContactor.DISCHARGE, r.discharge().commandedClosed());
  }

  private void readingsBad(BankReadings r, String what) {
    CellReading bad = r.firstBadCell().orElseThrow();
    String text = "%s is %s (%s): %s".formatted(CellLabel.of(bad.cell()), bad.quality(), bad.fault(), what);
    events.emit(BankEvents.READINGS_BAD, text, Map.of("cell", Integer.toString(CellLabel.number(bad.cell())),
        "quality", bad.quality().name(), "fault", bad.fault()));
    outputs.allOff();
    targetV = Double.NaN;
    enter(BankState.IDLE, text);
  }

  /** Publishes the state a command left, with the last cycle's readings. */
  private void republish() {
    if (last != null) {
      publish(last);
    }
  }

  private void publish(BankReadings r) {
    String why = reason;
    if (state().charging()) {
      why = "%s toward %.3f V per cell: cells %.4f..%.4f V".formatted(reason, targetV,
          r.lowestCell().map(CellReading::volts).orElse(Double.NaN),
          r.highestCell().map(CellReading::volts).orElse(Double.NaN));
    }
    status = new BankStatus(r.time(), state(), why, mode(), r, targetV,
        BankEnergy.of(r.cells(), ratings, parameters.number(BankParameters.MIN_USEFUL_CELL_V)),
        conditions.reasons("bank"));
  }

  // -- commands (dispatcher thread)

  /**
   * {@code bank.CHARGE}: charge (or top up, or retarget) to {@code cellV} per cell at up to
   * {@code amps}.
   *
   * @throws CommandFailure with the reason it is refused
   */
  public synchronized String charge(double cellV, double amps, String cause) {
    followMode();
    requireNominal("bank.CHARGE");
    if (state() == BankState.DISCHARGING) {
      throw new CommandFailure("the bank is DISCHARGING: send bank.STOP first");
    }
    BankReadings r = goodReadings();
    double ov = parameters.number(BankParameters.CELL_OVERVOLTAGE_V);
    if (cellV > ov - Protection.VOLTAGE_HYSTERESIS_V) {
      throw new CommandFailure("target %.3f V is not %.0f mV below %s = %.3f V".formatted(cellV,
          Protection.VOLTAGE_HYSTERESIS_V * 1e3, BankParameters.CELL_OVERVOLTAGE_V, ov));
    }
    double limit = parameters.number(BankParameters.CHARGE_CURRENT_LIMIT_A);
    if (amps > limit) {
      throw new CommandFailure("%.1f A is above %s = %.1f A".formatted(amps, BankParameters.CHARGE_CURRENT_LIMIT_A, limit));
    }
    double oc = parameters.number(BankParameters.PACK_OVERCURRENT_A);
    if (amps >= oc) {
      throw new CommandFailure("%.1f A is not below %s = %.1f A".formatted(amps, BankParameters.PACK_OVERCURRENT_A, oc));
    }
    double band = parameters.number(BankParameters.BALANCE_BAND_V);
    double highest = r.highestCell().orElseThrow().volts();
    if (highest > cellV + band) {
      throw new CommandFailure("highest cell at %.4f V is above the %.3f V target: bank.DISCHARGE to it first"
          .formatted(highest, cellV));
    }
    targetV = cellV;
    orderAmps = amps;
    String what = "charge to %.3f V per cell at up to %.1f A".formatted(cellV, amps);
    if (state() != BankState.CHARGING) {
      enter(BankState.CHARGING, what + " by " + cause);
    } else {
      reason = what + " by " + cause;
    }
    publish(r);
    return what + " (cells %.4f..%.4f V)".formatted(r.lowestCell().orElseThrow().volts(), highest);
  }

  /**
   * {@code bank.DISCHARGE}: discharge through the dump resistor until the highest cell is at
   * {@code cellV}.
   *
   * @throws CommandFailure with the reason it is refused
   */
  public synchronized String discharge(double cellV, String cause) {
    followMode();
    requireNominal("bank.DISCHARGE");
    if (state().charging()) {
      throw new CommandFailure("the bank is " + state() + ": send bank.STOP first");
    }
    BankReadings r = goodReadings();
    double highest = r.highestCell().orElseThrow().volts();
    if (highest <= cellV) {
      return "nothing to do: highest cell at %.4f V is at or below %.3f V".formatted(highest, cellV);
    }
    targetV = cellV;
    String what = "discharge to %.3f V per cell".formatted(cellV);
    if (state() != BankState.DISCHARGING) {
      outputs.charger(0);
      outputs.open(BankContactor.MAIN);
      outputs.bleed(outputs.none());
      outputs.close(BankContactor.DISCHARGE, false);
      enter(BankState.DISCHARGING, what + " by " + cause);
    }
    publish(r);
    return what + " (highest cell %.4f V)".formatted(highest);
  }

  /** {@code bank.STOP}: charger 0, contactors open, bleed off; NOMINAL goes IDLE. */
  public synchronized String stop(String cause) {
    followMode();
    BankState before = state();
    outputs.allOff();
    if (BankState.belongsTo(state(), Mode.NOMINAL)) {
      targetV = Double.NaN;
      enter(BankState.IDLE, "stopped by " + cause);
    }
    republish();
    return "stopped (was " + before + "): charger 0, contactors open, bleed off";
  }

  /** {@code bank.OPEN_CONTACTORS}: charger 0, both contactors open, each attempted; NOMINAL goes IDLE. */
  public synchronized String openContactors(String cause) {
    followMode();
    StringBuilder failures = new StringBuilder();
    try {
      bank.setChargeCurrent(0);
    } catch (RuntimeException e) {
      failures.append("charger: ").append(e.getMessage()).append("; ");
    }
    for (BankContactor c : BankContactor.values()) {
      try {
        bank.openContactor(c);
      } catch (RuntimeException e) {
        failures.append(c).append(": ").append(e.getMessage()).append("; ");
      }
    }
    if (BankState.belongsTo(state(), Mode.NOMINAL) && state() != BankState.IDLE) {
      targetV = Double.NaN;
      outputs.bleed(outputs.none());
      enter(BankState.IDLE, "contactors opened by " + cause);
    }
    republish();
    if (!failures.isEmpty()) {
      throw new CommandFailure(failures.substring(0, failures.length() - 2));
    }
    return "contactors commanded open";
  }

  /** {@code bank.SET_CHARGE_CURRENT} (MAINTENANCE): the charger's setpoint, by hand. */
  public synchronized String manualChargeCurrent(double amps) {
    followMode();
    requireManual("bank.SET_CHARGE_CURRENT");
    double limit = parameters.number(BankParameters.CHARGE_CURRENT_LIMIT_A);
    if (amps > limit) {
      throw new CommandFailure("above " + BankParameters.CHARGE_CURRENT_LIMIT_A + " = " + limit + " A");
    }
    bank.setChargeCurrent(amps);
    return "charge setpoint " + bank.chargeCurrentSetpointA() + " A";
  }

  /** {@code bank.CLOSE_CONTACTOR} (MAINTENANCE): closes one contactor by hand. */
  public synchronized String manualClose(BankContactor contactor) {
    followMode();
    requireManual("bank.CLOSE_CONTACTOR");
    bank.closeContactor(contactor);
    return contactor + " contactor commanded closed";
  }

  private void requireNominal(String command) {
    if (!BankState.belongsTo(state(), Mode.NOMINAL)) {
      throw new CommandFailure(command + " needs bank mode NOMINAL; the bank is " + state());
    }
  }

  private void requireManual(String command) {
    if (state() != BankState.MANUAL) {
      throw new CommandFailure(command + " needs bank mode MAINTENANCE; the bank is " + state());
    }
  }

  private BankReadings goodReadings() {
    BankReadings r = last;
    if (r == null) {
      throw new CommandFailure("bank management has not read the bank yet");
    }
    Optional<CellReading> bad = r.firstBadCell();
    if (bad.isPresent()) {
      throw new CommandFailure("%s is %s: %s".formatted(CellLabel.of(bad.get().cell()), bad.get().quality(),
          bad.get().fault()));
    }
    return r;
  }

  // -- readiness and status

  @Override
  public Status status() {
    BankStatus s = status;
    if (s == null) {
      return Status.notReady("bank management has not run yet", 0);
    }
    Instant now = clock.instant();
    if (s.time().plus(staleAfter).isBefore(now)) {
      return Status.notReady("bank status is stale: last control cycle at " + s.time(), 0);
    }
    double available = s.energy().availableJ();
    return s.ready() ? Status.ready(available)
        : Status.notReady("bank is " + s.state() + ": " + s.reason(), available);
  }

  /** The last published status, if a cycle has run. */
  public Optional<BankStatus> latest() {
    return Optional.ofNullable(status);
  }

  // -- transitions and outputs

  /** Enters {@code next}; a change of state is an event (the first state, at start, is not a transition). */
  private void enter(BankState next, String cause) {
    reason = cause;
    if (transitions.current().isEmpty()) {
      transitions.start(next);
    } else {
      transitions.moveTo(next, cause);
    }
  }

  /** A change of state: {@code BANK_STATE_CHANGED} with its cause. */
  private void announce(Move<BankState, String> move) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("from", move.from().name());
    args.put("to", move.to().name());
    args.put("cause", move.cause());
    events.emitUnthrottled(BankEvents.STATE_CHANGED, "bank " + move.from() + " -> " + move.to() + ": "
        + move.cause(), args);
  }

  private BankState state() {
    return transitions.state();
  }

  /** The charger's setpoint step: its PWM duty is set in whole percent of its maximum. */
  private double chargerResolutionA() {
    return ratings.chargerMaxA() / 100;
  }

  private Mode mode() {
    return modes.of("bank").orElse(Mode.SAFE);
  }

  private Optional<String> holding() {
    return conditions.refuse("bank", Mode.SAFE, Mode.NOMINAL);
  }

  /** Which cells bleed now, as commanded. */
  public synchronized List<Boolean> bleeding() {
    return outputs.bleedingList();
  }
}
