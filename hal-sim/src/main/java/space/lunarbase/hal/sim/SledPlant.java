package space.lunarbase.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import space.lunarbase.hal.device.railfe.FiringEntry;

/**
 * A sled on the launch rail: a mass that starts at rest at x = 0 (the breech) and is kicked by
 * coil stages at known positions; photo/laser gates at known positions see it pass.
 *
 * <p>Model: a coil stage fired at time t draws min(stage energy, what is left of the energy
 * budget); if the sled's centre is within the capture distance of the coil, the drawn energy
 * times the efficiency becomes kinetic energy at once (v' = sqrt(v^2 + 2 &eta; E / m)), else it
 * is wasted. Between kicks the speed is constant (no friction in vacuum, magnetic levitation), so
 * the position advances in steps of at most {@value #MAX_STEP_NS} ns of simulated time, split
 * exactly at coil firings, and a gate crossing is interpolated to the nanosecond within its step.
 * Each firing drives a half-sine current pulse in its coil. Times are ns since {@link #origin()},
 * the instant of construction. The state advances lazily to the clock on every query.
 *
 * <p>Energy comes from a {@link Supply}: by default the spec's own budget ({@code energyBudgetJ},
 * spent over the plant's life), or the bank's cell string when a board feeds the rail from its
 * bank ({@link CellStringPlant#deliver}). {@link #loadSled()} puts a new sled at rest at the breech
 * for the next shot.
 *
 * <p>Faults: a dead gate never reports; a noisy gate follows each crossing with spurious short
 * pulses (1 us apart, flagged as noise by the front-end's deglitch); a dead coil is triggered but
 * draws no energy and carries no current.
 */
public final class SledPlant {

  static final long MAX_STEP_NS = 10_000;
  /** Spacing of a noisy gate's spurious pulses after a crossing. */
  static final long NOISE_SPACING_NS = 1_000;

  /**
   * The rail and the sled.
   *
   * @param massKg sled plus payload
   * @param coilPositionsM coil centres from the breech, strictly increasing, inside the rail
   * @param gatePositionsM gate positions, strictly increasing, after the breech (&gt; 0), inside the rail
   * @param railLengthM where the sled leaves the rail
   * @param stageEnergyJ energy one stage draws from the bank when it fires
   * @param efficiency fraction of the drawn energy that becomes kinetic energy, 0..1
   * @param energyBudgetJ energy the stages may draw over the plant's life when no other {@link Supply} feeds it
   * @param captureM how far from a coil's centre the sled may be for the stage to act on it
   * @param peakCurrentA peak of a coil's half-sine current pulse
   * @param pulseNs duration of the pulse
   */
  public record Spec(double massKg, List<Double> coilPositionsM, List<Double> gatePositionsM, double railLengthM,
      double stageEnergyJ, double efficiency, double energyBudgetJ, double captureM, double peakCurrentA,
      long pulseNs) {

    public Spec {
      coilPositionsM = List.copyOf(coilPositionsM);
      gatePositionsM = List.copyOf(gatePositionsM);
      positive("massKg", massKg);
      positive("railLengthM", railLengthM);
      positive("stageEnergyJ", stageEnergyJ);
      positive("energyBudgetJ", energyBudgetJ);
      positive("captureM", captureM);
      positive("peakCurrentA", peakCurrentA);
      if (!(efficiency > 0) || efficiency > 1) {
        throw new IllegalArgumentException("Spec.efficiency must be in (0, 1], was " + efficiency);
      }
      if (pulseNs <= 0) {
        throw new IllegalArgumentException("Spec.pulseNs must be positive, was " + pulseNs);
      }
      increasing("coilPositionsM", coilPositionsM, railLengthM, 16);
      increasing("gatePositionsM", gatePositionsM, railLengthM, 64);
      if (gatePositionsM.getFirst() <= 0) {
        throw new IllegalArgumentException("Spec.gatePositionsM must be after the breech (> 0), first was "
            + gatePositionsM.getFirst());
      }
    }

    /**
     * A 10 kg sled, 8 coils every 10 m from the breech, a gate half-way after each, an 80 m rail;
     * 50 kJ stages at 50 % (exit speed 200 m/s), a 1 MJ budget, 0.5 m capture, 5 kA 500 us pulses.
     */
    public static Spec demo() {
      List<Double> coils = new ArrayList<>();
      List<Double> gates = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        coils.add(10.0 * k);
        gates.add(10.0 * k + 5);
      }
      return new Spec(10, coils, gates, 80, 50_000, 0.5, 1e6, 0.5, 5_000, 500_000);
    }

    private static void positive(String field, double value) {
      if (!(value > 0) || !Double.isFinite(value)) {
        throw new IllegalArgumentException("Spec." + field + " must be positive and finite, was " + value);
      }
    }

    private static void increasing(String field, List<Double> values, double railLength, int max) {
      if (values.isEmpty() || values.size() > max) {
        throw new IllegalArgumentException("Spec." + field + " must have 1.." + max + " entries, had " + values.size());
      }
      for (int i = 0; i < values.size(); i++) {
        double x = values.get(i);
        if (!(x >= 0) || x > railLength) {
          throw new IllegalArgumentException("Spec." + field + "[" + i + "] must be in 0.." + railLength
              + " (railLengthM), was " + x);
        }
        if (i > 0 && x <= values.get(i - 1)) {
          throw new IllegalArgumentException("Spec." + field + " must be strictly increasing: [" + i + "] = " + x
              + " after " + values.get(i - 1));
        }
      }
    }
  }

  /** What happened on the rail, for the front-end to timestamp. */
  public enum Kind { GATE, COIL_TRIGGER }

  /**
   * One event at {@code timeNs} since {@link #origin()}.
   *
   * @param noise a spurious gate pulse (noisy gate)
   * @param noCurrent a coil trigger that drove no current (dead coil)
   */
  public record Event(Kind kind, int channel, long timeNs, boolean noise, boolean noCurrent) {}

  private record Scheduled(int coil, long timeNs) {}

  /** Where a stage's energy comes from: delivers up to {@code joules} and returns what it delivered. */
  @FunctionalInterface
  public interface Supply {

    /** Delivers at most {@code joules} (positive) at once; returns the energy delivered, 0..joules. */
    double draw(double joules);
  }

  private final Spec spec;
  private final InstantSource clock;
  private final Supply supply;
  private final Instant origin;
  private final PriorityQueue<Event> future = new PriorityQueue<>(Comparator.comparingLong(Event::timeNs));
  private final List<Scheduled> scheduled = new ArrayList<>();
  /** Gate-referenced entries waiting for their gate. */
  private final List<FiringEntry> waiting = new ArrayList<>();
  private final long[] lastFireNs;
  private final boolean[] deadGate;
  private final int[] noisyGate;
  private final boolean[] deadCoil;
  private final double[] railTempC = new double[8];
  private long timeNs;
  private double x;
  private double v;
  private double energyUsedJ;
  private double kineticInJ;
  private double exitSpeed = Double.NaN;
  private long exitNs = -1;

  /** A plant whose stages draw from the spec's own energy budget. */
  public SledPlant(Spec spec, InstantSource clock) {
    this(spec, clock, null);
  }

  /** A plant whose stages draw from {@code supply} (null: the spec's own energy budget). */
  public SledPlant(Spec spec, InstantSource clock, Supply supply) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.supply = supply != null ? supply : joules -> Math.min(joules, spec.energyBudgetJ() - energyUsedJ);
    this.origin = clock.instant();
    this.lastFireNs = new long[spec.coilPositionsM().size()];
    Arrays.fill(lastFireNs, Long.MIN_VALUE);
    this.deadGate = new boolean[spec.gatePositionsM().size()];
    this.noisyGate = new int[spec.gatePositionsM().size()];
    this.deadCoil = new boolean[spec.coilPositionsM().size()];
    Arrays.fill(railTempC, -20.0);
  }

  public Spec spec() {
    return spec;
  }

  /** The instant time 0 of this plant's ns timeline (and of the front-end's counter). */
  public Instant origin() {
    return origin;
  }

  /** Ns since {@link #origin()} now. */
  public long nowNs() {
    return Duration.between(origin, clock.instant()).toNanos();
  }

  /**
   * Starts a shot now: schedules each entry's coil at now + delay, or after the first real
   * crossing of its gate. Entries for coils the rail does not have are ignored.
   */
  public synchronized void fire(List<FiringEntry> entries) {
    advance();
    for (FiringEntry e : entries) {
      if (e.coil() >= deadCoil.length) {
        continue;
      }
      if (e.reference() == FiringEntry.Reference.FIRE) {
        scheduled.add(new Scheduled(e.coil(), timeNs + e.delayNs()));
      } else {
        waiting.add(e);
      }
    }
  }

  /**
   * Loads a new sled: at rest at the breech (x = 0), not yet out of the rail. Triggers still
   * pending are dropped; energy counters and faults stay.
   */
  public synchronized void loadSled() {
    advance();
    scheduled.clear();
    waiting.clear();
    x = 0;
    v = 0;
    exitSpeed = Double.NaN;
    exitNs = -1;
  }

  /** Drops every trigger not yet fired (a disarm). */
  public synchronized void cancel() {
    advance();
    scheduled.clear();
    waiting.clear();
  }

  /** Triggers scheduled or waiting for a gate. */
  public synchronized int pendingTriggers() {
    advance();
    return scheduled.size() + waiting.size();
  }

  /** Events up to now, in time order, each returned once. */
  public synchronized List<Event> takeEvents() {
    advance();
    List<Event> out = new ArrayList<>();
    while (!future.isEmpty() && future.peek().timeNs() <= timeNs) {
      out.add(future.poll());
    }
    return out;
  }

  /** The current in {@code coil} at {@code atNs}: the half-sine pulse of its last firing. */
  public synchronized double coilCurrentA(int coil, long atNs) {
    long since = atNs - lastFireNs[coil];
    if (lastFireNs[coil] == Long.MIN_VALUE || since < 0 || since >= spec.pulseNs() || deadCoil[coil]) {
      return 0;
    }
    return spec.peakCurrentA() * Math.sin(Math.PI * since / spec.pulseNs());
  }

  public synchronized double positionM() {
    advance();
    return x;
  }

  public synchronized double speedMps() {
    advance();
    return v;
  }

  /** Energy the stages drew from the supply so far. */
  public synchronized double energyUsedJ() {
    advance();
    return energyUsedJ;
  }

  /** Energy the stages put into the sled so far (drawn x efficiency, captured stages only). */
  public synchronized double kineticEnergyAddedJ() {
    advance();
    return kineticInJ;
  }

  /** Speed when the sled left the rail; NaN before. */
  public synchronized double exitSpeedMps() {
    advance();
    return exitSpeed;
  }

  /** Ns since origin when the sled left the rail; -1 before. */
  public synchronized long exitTimeNs() {
    advance();
    return exitNs;
  }

  /** Thermistor channel 0..7 temperature, degC; NaN for an open channel. */
  public synchronized double railTemperatureC(int channel) {
    return railTempC[channel];
  }

  /** Sets a thermistor channel's temperature; NaN opens it. */
  public synchronized void setRailTemperatureC(int channel, double celsius) {
    railTempC[channel] = celsius;
  }

  /** A gate that never reports. */
  public synchronized void injectDeadGate(int gate) {
    deadGate[gate] = true;
  }

  /** A gate that follows each crossing with {@code spurious} short pulses. */
  public synchronized void injectNoisyGate(int gate, int spurious) {
    noisyGate[gate] = spurious;
  }

  /** A coil that is triggered but does not fire. */
  public synchronized void injectDeadCoil(int coil) {
    deadCoil[coil] = true;
  }

  public synchronized void clearFaults() {
    Arrays.fill(deadGate, false);
    Arrays.fill(noisyGate, 0);
    Arrays.fill(deadCoil, false);
  }

  /**
   * The delays from FIRE at which each coil fires as the sled's centre reaches it, when every
   * stage delivers its full energy: the ideal firing table of this rail.
   */
  public static List<FiringEntry> idealTable(Spec spec) {
    List<FiringEntry> table = new ArrayList<>();
    double t = 0;
    double vv = 0;
    double budget = spec.energyBudgetJ();
    List<Double> coils = spec.coilPositionsM();
    for (int k = 0; k < coils.size(); k++) {
      if (k > 0) {
        t += (coils.get(k) - coils.get(k - 1)) / vv;
      }
      table.add(FiringEntry.afterFire(k, Math.round(t * 1e9)));
      double drawn = Math.min(spec.stageEnergyJ(), budget);
      budget -= drawn;
      vv = Math.sqrt(vv * vv + 2 * spec.efficiency() * drawn / spec.massKg());
    }
    return table;
  }

  private void advance() {
    long now = nowNs();
    while (timeNs < now) {
      long end = Math.min(now, nextFiring());
      if (v > 0 && x <= lastGate()) {
        end = Math.min(end, timeNs + MAX_STEP_NS);
      }
      move(end);
      if (nextFiring() <= timeNs) {
        fireDue(timeNs);
      }
    }
    if (nextFiring() <= timeNs) {
      fireDue(timeNs);
    }
  }

  private long nextFiring() {
    long next = Long.MAX_VALUE;
    for (Scheduled s : scheduled) {
      next = Math.min(next, s.timeNs());
    }
    return next;
  }

  private double lastGate() {
    return spec.gatePositionsM().getLast();
  }

  /**
   * Moves at constant speed towards {@code end}, timestamping crossings within the step; stops
   * early where a crossing schedules a gate-referenced coil inside the step.
   */
  private void move(long end) {
    List<Double> gates = spec.gatePositionsM();
    for (int g = 0; g < gates.size() && v > 0; g++) {
      double p = gates.get(g);
      if (p > x && p <= x + v * ((end - timeNs) / 1e9)) {
        long at = Math.min(end, timeNs + Math.round((p - x) / v * 1e9));
        crossed(g, at);
        end = Math.min(end, Math.max(at, nextFiring()));
      }
    }
    double x1 = x + v * ((end - timeNs) / 1e9);
    if (exitNs < 0 && v > 0 && spec.railLengthM() > x && spec.railLengthM() <= x1) {
      exitNs = timeNs + Math.round((spec.railLengthM() - x) / v * 1e9);
      exitSpeed = v;
    }
    x = x1;
    timeNs = end;
  }

  private void crossed(int gate, long at) {
    if (deadGate[gate]) {
      return;
    }
    future.add(new Event(Kind.GATE, gate, at, false, false));
    for (int i = 1; i <= noisyGate[gate]; i++) {
      future.add(new Event(Kind.GATE, gate, at + i * NOISE_SPACING_NS, true, false));
    }
    for (var it = waiting.iterator(); it.hasNext(); ) {
      FiringEntry e = it.next();
      if (e.gate() == gate) {
        scheduled.add(new Scheduled(e.coil(), at + e.delayNs()));
        it.remove();
      }
    }
  }

  private void fireDue(long at) {
    for (var it = scheduled.iterator(); it.hasNext(); ) {
      Scheduled s = it.next();
      if (s.timeNs() <= at) {
        it.remove();
        kick(s.coil(), at);
      }
    }
  }

  private void kick(int coil, long at) {
    boolean dead = deadCoil[coil];
    future.add(new Event(Kind.COIL_TRIGGER, coil, at, false, dead));
    if (dead) {
      return;
    }
    lastFireNs[coil] = at;
    double drawn = Math.max(0, Math.min(spec.stageEnergyJ(), supply.draw(spec.stageEnergyJ())));
    energyUsedJ += drawn;
    if (Math.abs(x - spec.coilPositionsM().get(coil)) <= spec.captureM()) {
      double gained = spec.efficiency() * drawn;
      kineticInJ += gained;
      v = Math.sqrt(v * v + 2 * gained / spec.massKg());
    }
  }
}
