package space.lunarbase.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * A series string of supercapacitor cells, each with its own capacitance, equivalent series
 * resistance (ESR), self-discharge (leakage) resistance, switchable bleed (balancing) resistor and
 * temperature; a main contactor to a current-controlled charger and a discharge contactor to a
 * dump resistor.
 *
 * <p>Circuit, with S the sum of the cells' internal voltages and R_esr the sum of their ESRs:
 * <ul>
 *   <li>terminal voltage V_t = S + I R_esr; cell i's terminal voltage is v_i + I ESR_i;
 *   <li>charger (through the main contactor): a voltage source V_ch behind R_s whose current is
 *       limited to the setpoint I_set = duty &times; I_max and which cannot sink current, i.e.
 *       constant current until the terminal reaches V_ch - I_set R_s, then an RC approach to V_ch;
 *   <li>discharge (through the discharge contactor): a resistor R_d across the terminals;
 *   <li>per cell: C_i dv_i/dt = I - v_i / R_leak - [bleed on] v_i / R_bleed;
 *   <li>per cell: C_th dT_i/dt = I^2 ESR_i - (T_i - T_ambient) / R_th.
 * </ul>
 * In each regime the string current is linear in S, I = a - b S, so over a step the string is
 * solved exactly as an RC circuit (unconditionally stable), and each cell then relaxes exactly
 * under that step's mean current. Steps are at most {@value #MAX_STEP_MILLIS} ms of simulated
 * time (longer when a jump would need more than {@value #MAX_STEPS}). The state advances lazily to
 * the clock on every call. Stored energy is the sum of &frac12; C_i v_i^2.
 *
 * <p>Contactors: each has a coil (set by the firmware through GPIO) and contacts that follow it,
 * unless welded (contacts stay closed) or failed open (contacts never close). Faults: those two,
 * and a cell's ESR rising ({@link #injectEsr(int, double)}). Thread-safe.
 */
public final class CellStringPlant {

  static final long MAX_STEP_MILLIS = 100;
  static final int MAX_STEPS = 200_000;

  /**
   * One cell.
   *
   * @param capacitanceF capacitance
   * @param esrOhms equivalent series resistance
   * @param leakageOhms self-discharge resistance
   */
  public record Cell(double capacitanceF, double esrOhms, double leakageOhms) {

    public Cell {
      positive("Cell.capacitanceF", capacitanceF);
      positive("Cell.esrOhms", esrOhms);
      positive("Cell.leakageOhms", leakageOhms);
    }
  }

  /**
   * The string, its balancing, thermal path, charger and discharge resistor.
   *
   * @param cells the cells, bottom (0) to top
   * @param cellRatedV rated voltage of a cell
   * @param bleedOhms each cell's bleed resistor
   * @param thermalOhmsKPerW thermal resistance cell to ambient, K/W
   * @param thermalCapacitanceJPerK heat capacity of a cell, J/K
   * @param ambientC ambient (enclosure) temperature
   * @param chargerVoltageV charger output voltage limit
   * @param chargerSeriesOhms resistance between the charger and the pack
   * @param chargerMaxCurrentA charger current at 100 % duty
   * @param dischargeOhms the dump resistor
   * @param initialCellV internal voltage of every cell at the start
   */
  public record Spec(List<Cell> cells, double cellRatedV, double bleedOhms, double thermalOhmsKPerW,
      double thermalCapacitanceJPerK, double ambientC, double chargerVoltageV, double chargerSeriesOhms,
      double chargerMaxCurrentA, double dischargeOhms, double initialCellV) {

    public Spec {
      cells = List.copyOf(cells);
      if (cells.isEmpty() || cells.size() > 64) {
        throw new IllegalArgumentException("Spec.cells must hold 1..64 cells, has " + cells.size());
      }
      positive("Spec.cellRatedV", cellRatedV);
      positive("Spec.bleedOhms", bleedOhms);
      positive("Spec.thermalOhmsKPerW", thermalOhmsKPerW);
      positive("Spec.thermalCapacitanceJPerK", thermalCapacitanceJPerK);
      if (!Double.isFinite(ambientC) || ambientC < -100 || ambientC > 100) {
        throw new IllegalArgumentException("Spec.ambientC must be -100..100, was " + ambientC);
      }
      positive("Spec.chargerVoltageV", chargerVoltageV);
      positive("Spec.chargerSeriesOhms", chargerSeriesOhms);
      positive("Spec.chargerMaxCurrentA", chargerMaxCurrentA);
      positive("Spec.dischargeOhms", dischargeOhms);
      if (!(initialCellV >= 0) || initialCellV > cellRatedV) {
        throw new IllegalArgumentException("Spec.initialCellV must be 0.." + cellRatedV + ", was " + initialCellV);
      }
    }

    /**
     * 12 cells of 3000 F &plusmn; {@code spread} (cell k gets 3000 &times; (1 + spread (2k/11 - 1)),
     * from -spread at the bottom to +spread at the top), 0.3 m&Omega; ESR, 10 k&Omega; leakage, 2.7 V;
     * 10 &Omega; bleed; 2 K/W and 600 J/K to a 20 &deg;C enclosure; a 32.4 V, 100 A charger
     * through 0.05 &Omega;; a 1 &Omega; dump resistor; empty.
     */
    public static Spec demo(double spread) {
      int n = 12;
      Cell[] cells = new Cell[n];
      for (int k = 0; k < n; k++) {
        cells[k] = new Cell(3000 * (1 + spread * (2.0 * k / (n - 1) - 1)), 0.0003, 10_000);
      }
      return new Spec(List.of(cells), 2.7, 10, 2, 600, 20, 32.4, 0.05, 100, 1, 0);
    }

    public int size() {
      return cells.size();
    }

    /** Series capacitance 1 / sum(1 / C_i). */
    public double stringCapacitanceF() {
      double inverse = 0;
      for (Cell cell : cells) {
        inverse += 1 / cell.capacitanceF();
      }
      return 1 / inverse;
    }
  }

  /** The two contactors in the power path. */
  public enum Switch { MAIN, DISCHARGE }

  private final Spec spec;
  private final InstantSource clock;
  private final double[] volts;
  private final double[] celsius;
  private final double[] esr;
  private final boolean[] bleed;
  private final boolean[] coil = new boolean[2];
  private final boolean[] welded = new boolean[2];
  private final boolean[] failedOpen = new boolean[2];
  private boolean chargerDead;
  private double duty;
  private Instant time;

  public CellStringPlant(Spec spec, InstantSource clock) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.clock = Objects.requireNonNull(clock, "clock");
    int n = spec.size();
    volts = new double[n];
    celsius = new double[n];
    esr = new double[n];
    bleed = new boolean[n];
    for (int i = 0; i < n; i++) {
      volts[i] = spec.initialCellV();
      celsius[i] = spec.ambientC();
      esr[i] = spec.cells().get(i).esrOhms();
    }
    time = clock.instant();
  }

  public Spec spec() {
    return spec;
  }

  public int cells() {
    return spec.size();
  }

  // Inputs from the firmware's outputs

  /** The charger's current setpoint as a fraction of its maximum, 0..1 (from the PWM duty). */
  public synchronized void setChargerDuty(double fraction) {
    if (!(fraction >= 0) || fraction > 1) {
      throw new IllegalArgumentException("charger duty must be 0..1, was " + fraction);
    }
    advance();
    duty = fraction;
  }

  /** Energises or releases a contactor's coil. */
  public synchronized void setCoil(Switch which, boolean energised) {
    advance();
    coil[which.ordinal()] = energised;
  }

  /** Switches cell {@code cell}'s bleed resistor. */
  public synchronized void setBleed(int cell, boolean on) {
    checkCell(cell);
    advance();
    bleed[cell] = on;
  }

  // Faults

  /** Welds (true) or frees a contactor's contacts: welded contacts stay closed. */
  public synchronized void injectWelded(Switch which, boolean on) {
    advance();
    welded[which.ordinal()] = on;
  }

  /** The charger delivers nothing whatever its setpoint (a blown fuse, a dead supply) while {@code on}. */
  public synchronized void injectChargerDead(boolean on) {
    advance();
    chargerDead = on;
  }

  /** Whether the charger is dead ({@link #injectChargerDead}). */
  public synchronized boolean chargerDead() {
    return chargerDead;
  }

  /** Makes a contactor's contacts unable to close (true), or repairs them. */
  public synchronized void injectFailedOpen(Switch which, boolean on) {
    advance();
    failedOpen[which.ordinal()] = on;
  }

  /** Sets cell {@code cell}'s ESR (an ageing or cracked cell has a high one). */
  public synchronized void injectEsr(int cell, double ohms) {
    checkCell(cell);
    positive("ESR", ohms);
    advance();
    esr[cell] = ohms;
  }

  // Outputs the sensors measure

  /** Whether a contactor's contacts are closed (what its auxiliary contact reports). */
  public synchronized boolean contactsClosed(Switch which) {
    return closed(which);
  }

  /** Current into the string, positive charging. */
  public synchronized double current() {
    advance();
    return instantCurrent();
  }

  /** Voltage across the string's terminals (internal voltages plus the ESR drops). */
  public synchronized double packVoltage() {
    advance();
    double sum = 0;
    for (double v : volts) {
      sum += v;
    }
    return sum + instantCurrent() * totalEsr();
  }

  /** Cell {@code cell}'s terminal voltage, v_i + I ESR_i: what a cell-voltage sensor sees. */
  public synchronized double cellVoltage(int cell) {
    checkCell(cell);
    advance();
    return volts[cell] + instantCurrent() * esr[cell];
  }

  /** Cell {@code cell}'s internal (open-circuit) voltage. */
  public synchronized double cellInternalVoltage(int cell) {
    checkCell(cell);
    advance();
    return volts[cell];
  }

  public synchronized double cellTemperatureC(int cell) {
    checkCell(cell);
    advance();
    return celsius[cell];
  }

  public synchronized boolean bleeding(int cell) {
    checkCell(cell);
    return bleed[cell];
  }

  /** Stored energy, the sum of C_i v_i^2 / 2. */
  public synchronized double energyJ() {
    advance();
    double energy = 0;
    for (int i = 0; i < volts.length; i++) {
      energy += 0.5 * spec.cells().get(i).capacitanceF() * volts[i] * volts[i];
    }
    return energy;
  }

  /**
   * Takes up to {@code joules} out of the string at once, as the launch rail's coil stages do in a
   * shot: the same charge q leaves every cell, so the string gives q S - q^2 / (2 C_s) (S the sum of
   * the internal voltages, C_s the series capacitance), at most C_s S^2 / 2. A cell of a strongly
   * unbalanced string that would go below 0 V stops at 0 V.
   *
   * @return the energy delivered, 0..joules
   */
  public synchronized double deliver(double joules) {
    advance();
    if (!(joules > 0)) {
      return 0;
    }
    double sum = 0;
    for (double v : volts) {
      sum += v;
    }
    double cs = spec.stringCapacitanceF();
    double delivered = Math.min(joules, 0.5 * cs * sum * sum);
    if (!(delivered > 0)) {
      return 0;
    }
    double charge = cs * (sum - Math.sqrt(Math.max(0, sum * sum - 2 * delivered / cs)));
    for (int i = 0; i < volts.length; i++) {
      volts[i] = Math.max(0, volts[i] - charge / spec.cells().get(i).capacitanceF());
    }
    return delivered;
  }

  // Integration

  private void advance() {
    Instant now = clock.instant();
    if (!now.isAfter(time)) {
      return;
    }
    double total = Duration.between(time, now).toNanos() / 1e9;
    double maxStep = MAX_STEP_MILLIS / 1e3;
    double step = Math.ceil(total / maxStep) > MAX_STEPS ? total / MAX_STEPS : maxStep;
    double left = total;
    while (left > 1e-12) {
      double dt = Math.min(step, left);
      integrate(dt);
      left -= dt;
    }
    time = now;
  }

  private void integrate(double dt) {
    double sum = 0;
    for (double v : volts) {
      sum += v;
    }
    double[] ab = linearCurrent(sum);
    double a = ab[0];
    double b = ab[1];
    double current;
    if (b == 0) {
      current = a;
    } else {
      double cs = spec.stringCapacitanceF();
      double tau = cs / b;
      double delta = (a / b - sum) * -Math.expm1(-dt / tau);
      current = cs * delta / dt;
    }
    double heatAmpsSquared = current * current;
    for (int i = 0; i < volts.length; i++) {
      Cell cell = spec.cells().get(i);
      double parallel = bleed[i] ? 1 / (1 / cell.leakageOhms() + 1 / spec.bleedOhms()) : cell.leakageOhms();
      volts[i] = relax(volts[i], current * parallel, parallel * cell.capacitanceF(), dt);
      double rise = heatAmpsSquared * esr[i] * spec.thermalOhmsKPerW();
      celsius[i] = relax(celsius[i], spec.ambientC() + rise,
          spec.thermalOhmsKPerW() * spec.thermalCapacitanceJPerK(), dt);
    }
  }

  private double instantCurrent() {
    double sum = 0;
    for (double v : volts) {
      sum += v;
    }
    double[] ab = linearCurrent(sum);
    return ab[0] - ab[1] * sum;
  }

  /** {a, b} with I = a - b S in the regime that holds at S. */
  private double[] linearCurrent(double sum) {
    double rEsr = totalEsr();
    double gDump = closed(Switch.DISCHARGE) ? 1 / spec.dischargeOhms() : 0;
    double[] passive = {0, gDump / (1 + rEsr * gDump)};
    double setpoint = chargerDead ? 0 : duty * spec.chargerMaxCurrentA();
    if (!closed(Switch.MAIN) || setpoint <= 0) {
      return passive;
    }
    double gCharger = 1 / spec.chargerSeriesOhms();
    // constant current: I = I_set - V_t gDump, V_t = S + I R_esr
    double[] constant = {setpoint / (1 + rEsr * gDump), gDump / (1 + rEsr * gDump)};
    double iCc = constant[0] - constant[1] * sum;
    double terminalCc = sum + iCc * rEsr;
    if ((spec.chargerVoltageV() - terminalCc) * gCharger >= setpoint) {
      return constant;
    }
    // constant voltage: I = (V_ch - V_t) gCharger - V_t gDump
    double g = gCharger + gDump;
    double[] voltage = {spec.chargerVoltageV() * gCharger / (1 + rEsr * g), g / (1 + rEsr * g)};
    double iCv = voltage[0] - voltage[1] * sum;
    double terminalCv = sum + iCv * rEsr;
    return terminalCv < spec.chargerVoltageV() ? voltage : passive;
  }

  private boolean closed(Switch which) {
    int k = which.ordinal();
    return welded[k] || coil[k] && !failedOpen[k];
  }

  private double totalEsr() {
    double sum = 0;
    for (double r : esr) {
      sum += r;
    }
    return sum;
  }

  private void checkCell(int cell) {
    if (cell < 0 || cell >= volts.length) {
      throw new IllegalArgumentException("cell must be 0.." + (volts.length - 1) + ", was " + cell);
    }
  }

  /** First-order relaxation of v towards target with time constant tau over dt, exact. */
  private static double relax(double v, double target, double tau, double dt) {
    return v - (target - v) * Math.expm1(-dt / tau);
  }

  private static void positive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be positive and finite, was " + value);
    }
  }
}
