package space.lunarbase.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A series string of identical, balanced supercapacitor cells, charged from a current-limited
 * charger (an ideal voltage source behind a series resistance, clamped to a current limit, unable
 * to sink current) and discharged by each cell's self-discharge (leakage) resistance.
 *
 * <p>Per cell, with the string current I: C dV/dt = I - V / R_leak. Three regimes, each with an
 * exact exponential solution:
 * <ul>
 *   <li>current limit: I = I_lim while (V_charger - n V) / R &ge; I_lim; early on this is a
 *       ramp dV_pack/dt = I_lim / C_string, C_string = C / n;
 *   <li>resistive: I = (V_charger - n V) / R; the pack approaches V_charger (less a tiny leakage
 *       drop) with time constant R &times; C_string;
 *   <li>off (charger disabled, or pack above the charger): I = 0, the cells leak with R_leak C.
 * </ul>
 * The state advances lazily to the clock's instant on every query, in sub-steps of at most
 * {@value #MAX_STEP_MILLIS} ms of simulated time (longer when a jump would need more than
 * {@value #MAX_STEPS} of them; each step is still exact within its regime), switching regime
 * exactly where the current limit releases. Thread-safe.
 */
public final class CapacitorStringPlant {

  static final long MAX_STEP_MILLIS = 100;
  static final int MAX_STEPS = 100_000;

  /**
   * The string and its charger.
   *
   * @param cells number of cells in series
   * @param cellCapacitanceF capacitance of one cell
   * @param cellRatedV rated voltage of one cell
   * @param chargerVoltageV charger open-circuit voltage
   * @param seriesOhms resistance between charger and string
   * @param chargerCurrentLimitA charger current limit
   * @param leakageOhms self-discharge resistance of one cell
   * @param initialCellV voltage of each cell at the start
   */
  public record Spec(int cells, double cellCapacitanceF, double cellRatedV, double chargerVoltageV,
      double seriesOhms, double chargerCurrentLimitA, double leakageOhms, double initialCellV) {

    public Spec {
      if (cells < 1 || cells > 1000) {
        throw new IllegalArgumentException("Spec.cells must be 1..1000, was " + cells);
      }
      positive("cellCapacitanceF", cellCapacitanceF);
      positive("cellRatedV", cellRatedV);
      positive("chargerVoltageV", chargerVoltageV);
      positive("seriesOhms", seriesOhms);
      positive("chargerCurrentLimitA", chargerCurrentLimitA);
      positive("leakageOhms", leakageOhms);
      if (!(initialCellV >= 0) || initialCellV > cellRatedV) {
        throw new IllegalArgumentException(
            "Spec.initialCellV must be 0.." + cellRatedV + " (cellRatedV), was " + initialCellV);
      }
    }

    /** 12 cells of 3000 F / 2.7 V, a 32.4 V charger through 0.5 ohm limited to 10 A, 10 kohm leakage, empty. */
    public static Spec demo() {
      return new Spec(12, 3000, 2.7, 32.4, 0.5, 10, 10_000, 0);
    }

    /** C_string = C_cell / n. */
    public double stringCapacitanceF() {
      return cellCapacitanceF / cells;
    }

    /** Energy the full string holds at rated voltage, n x C V_rated^2 / 2. */
    public double ratedEnergyJ() {
      return cells * 0.5 * cellCapacitanceF * cellRatedV * cellRatedV;
    }

    private static void positive(String field, double value) {
      if (!(value > 0) || !Double.isFinite(value)) {
        throw new IllegalArgumentException("Spec." + field + " must be positive and finite, was " + value);
      }
    }
  }

  private enum Regime { CURRENT_LIMIT, RESISTIVE, OFF }

  private final Spec spec;
  private final InstantSource clock;
  private Instant time;
  private double cellV;
  private boolean chargerEnabled = true;

  public CapacitorStringPlant(Spec spec, InstantSource clock) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.time = clock.instant();
    this.cellV = spec.initialCellV();
  }

  public Spec spec() {
    return spec;
  }

  /** Voltage across the whole string. */
  public synchronized double packVoltage() {
    advance();
    return cellV * spec.cells();
  }

  /** Voltage of one (every) cell. */
  public synchronized double cellVoltage() {
    advance();
    return cellV;
  }

  /** Current into the string from the charger, positive charging. */
  public synchronized double current() {
    advance();
    return chargerCurrent(regime());
  }

  /** Stored energy, the sum over cells of C V^2 / 2. */
  public synchronized double energyJ() {
    advance();
    return spec.cells() * 0.5 * spec.cellCapacitanceF() * cellV * cellV;
  }

  public synchronized boolean chargerEnabled() {
    return chargerEnabled;
  }

  /** Switches the charger on or off from the current instant on. */
  public synchronized void setChargerEnabled(boolean enabled) {
    advance();
    chargerEnabled = enabled;
  }

  private void advance() {
    Instant now = clock.instant();
    if (!now.isAfter(time)) {
      return;
    }
    double total = Duration.between(time, now).toNanos() / 1e9;
    double maxStep = MAX_STEP_MILLIS / 1e3;
    long steps = (long) Math.ceil(total / maxStep);
    double step = steps > MAX_STEPS ? total / MAX_STEPS : maxStep;
    double left = total;
    while (left > 0) {
      double dt = Math.min(step, left);
      integrate(dt);
      left -= dt;
    }
    time = now;
  }

  /** Exact solution over dt, switching from the current limit to resistive charging where it releases. */
  private void integrate(double dt) {
    integrate(regime(), dt);
  }

  private void integrate(Regime regime, double dt) {
    double c = spec.cellCapacitanceF();
    double rLeak = spec.leakageOhms();
    switch (regime) {
      case OFF -> cellV = relax(cellV, 0, rLeak * c, dt);
      case RESISTIVE -> {
        double n = spec.cells();
        double r = spec.seriesOhms();
        double tau = 1 / (n / (r * c) + 1 / (rLeak * c));
        double target = spec.chargerVoltageV() / (r * c) * tau;
        cellV = relax(cellV, target, tau, dt);
      }
      case CURRENT_LIMIT -> {
        double tau = rLeak * c;
        double target = spec.chargerCurrentLimitA() * rLeak;
        double release = (spec.chargerVoltageV() - spec.chargerCurrentLimitA() * spec.seriesOhms()) / spec.cells();
        double next = relax(cellV, target, tau, dt);
        if (next < release) {
          cellV = next;
        } else {
          // time to reach the release voltage, then the rest resistively
          double tRelease = Math.min(dt, -tau * Math.log1p(-(release - cellV) / (target - cellV)));
          cellV = release;
          integrate(Regime.RESISTIVE, dt - tRelease);
        }
      }
    }
  }

  private Regime regime() {
    if (!chargerEnabled) {
      return Regime.OFF;
    }
    double resistive = (spec.chargerVoltageV() - spec.cells() * cellV) / spec.seriesOhms();
    if (resistive <= 0) {
      return Regime.OFF;
    }
    return resistive >= spec.chargerCurrentLimitA() ? Regime.CURRENT_LIMIT : Regime.RESISTIVE;
  }

  private double chargerCurrent(Regime regime) {
    return switch (regime) {
      case OFF -> 0;
      case CURRENT_LIMIT -> spec.chargerCurrentLimitA();
      case RESISTIVE -> (spec.chargerVoltageV() - spec.cells() * cellV) / spec.seriesOhms();
    };
  }

  /** First-order relaxation of v towards target with time constant tau over dt, exact. */
  private static double relax(double v, double target, double tau, double dt) {
    return v - (target - v) * Math.expm1(-dt / tau);
  }
}
