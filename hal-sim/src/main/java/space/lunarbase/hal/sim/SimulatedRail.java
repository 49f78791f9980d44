package space.lunarbase.hal.sim;

import com.pi4j.context.Context;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import space.lunarbase.hal.board.RailAssembly;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.device.railfe.RailFrontEnd;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.sim.gpio.SimPins;
import space.lunarbase.hal.sim.spi.SimSpiProvider;

/**
 * A launch rail in simulation: on {@link SimBuses} of its own ({@link #start}) or shared with a
 * board ({@link #attach}), a {@link SimRailFrontEnd} on the wiring's bus and chip select over
 * a {@link SledPlant} on the {@link SimClock}, and the same {@link RailFrontEnd} driver and
 * rail a real board uses on top (built by {@link RailAssembly}). The front-end's FIRE_PERMIT input is the level of
 * the fire-permit output pin; the breech-latched and rail-clear inputs are settable here (both
 * true at start). Tests and the rig reach the plant, chip, pins, SPI provider and clock to drive
 * the simulation and inject faults.
 */
public final class SimulatedRail implements AutoCloseable {

  /** Records one drain reads at most. */
  public static final int MAX_RECORDS_PER_DRAIN = RailAssembly.MAX_RECORDS_PER_DRAIN;

  /** The context this part started for itself, if any. */
  private final OwnedContext ownedContext;
  private final SledPlant plant;
  private final SimRailFrontEnd chip;
  private final SimPins pins;
  private final SimSpiProvider spi;
  private final SimClock clock;
  private final LaunchRail rail;
  private final RailFrontEnd driver;
  private final AtomicBoolean breechLatched;
  private final AtomicBoolean railClear;

  private SimulatedRail(Parts p, Context ownedContext, RailFrontEnd driver, LaunchRail rail) {
    this.ownedContext = new OwnedContext(ownedContext, SimulatedRail.class);
    this.plant = p.plant;
    this.chip = p.chip;
    this.pins = p.pins;
    this.spi = p.spi;
    this.clock = p.clock;
    this.breechLatched = p.breechLatched;
    this.railClear = p.railClear;
    this.driver = driver;
    this.rail = rail;
  }

  private record Parts(SledPlant plant, SimRailFrontEnd chip, SimPins pins, SimSpiProvider spi, SimClock clock,
      AtomicBoolean breechLatched, AtomicBoolean railClear) {}

  /**
   * Builds and starts the rail on a context of its own; the driver's start() runs against the
   * simulated front-end.
   *
   * @throws IllegalArgumentException if the wiring's gate or coil positions differ from the plant's
   */
  public static SimulatedRail start(RailWiring wiring, SledPlant.Spec spec, SimClock clock) {
    check(wiring, spec, clock);
    SimBuses buses = new SimBuses();
    Context pi4j = buses.newContext();
    try {
      return attach(buses, pi4j, wiring, spec, clock).owning(pi4j);
    } catch (RuntimeException e) {
      SimBuses.shutdownAfter(pi4j, e);
      throw e;
    }
  }

  /**
   * Builds the plant, attaches the front-end and the discretes to a board's shared {@code buses}
   * and starts the rail on the board's context {@code pi4j}, which the board owns.
   *
   * @throws IllegalArgumentException if the wiring's gate or coil positions differ from the plant's
   */
  public static SimulatedRail attach(SimBuses buses, Context pi4j, RailWiring wiring, SledPlant.Spec spec,
      SimClock clock) {
    return attach(buses, pi4j, wiring, spec, clock, null);
  }

  /**
   * As {@link #attach(SimBuses, Context, RailWiring, SledPlant.Spec, SimClock)}, with the coil
   * stages drawing their energy from {@code supply} (null: the spec's own budget).
   */
  public static SimulatedRail attach(SimBuses buses, Context pi4j, RailWiring wiring, SledPlant.Spec spec,
      SimClock clock, SledPlant.Supply supply) {
    check(wiring, spec, clock);
    SledPlant plant = new SledPlant(spec, clock, supply);
    SimPins pins = buses.pins();
    AtomicBoolean breech = new AtomicBoolean(true);
    AtomicBoolean clear = new AtomicBoolean(true);
    pins.driveInput(wiring.breechLatchedPin(), breech::get).driveInput(wiring.railClearPin(), clear::get);
    SimRailFrontEnd chip = new SimRailFrontEnd(plant, () -> pins.outputHigh(wiring.firePermitPin()));
    SimSpiProvider spi = buses.spi().attach(wiring.spiBus(), wiring.chipSelect(), chip);
    RailAssembly.Built built = RailAssembly.build(pi4j, wiring, clock);
    return new SimulatedRail(new Parts(plant, chip, pins, spi, clock, breech, clear), null, built.frontEnd(),
        built.rail());
  }

  private static void check(RailWiring wiring, SledPlant.Spec spec, SimClock clock) {
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(clock, "clock");
    if (!wiring.gatePositionsM().equals(spec.gatePositionsM())
        || !wiring.coilPositionsM().equals(spec.coilPositionsM())) {
      throw new IllegalArgumentException("rail " + wiring.id() + ": wiring and plant disagree on gate or coil"
          + " positions: wiring gates " + wiring.gatePositionsM() + " coils " + wiring.coilPositionsM()
          + ", plant gates " + spec.gatePositionsM() + " coils " + spec.coilPositionsM());
    }
  }

  private SimulatedRail owning(Context context) {
    return new SimulatedRail(new Parts(plant, chip, pins, spi, clock, breechLatched, railClear), context, driver,
        rail);
  }

  public LaunchRail rail() {
    return rail;
  }

  /** The driver under the rail, for its counters ({@code crcErrors}, {@code lostRecords}). */
  public RailFrontEnd driver() {
    return driver;
  }

  public SledPlant plant() {
    return plant;
  }

  /** The simulated front-end, for fault injection. */
  public SimRailFrontEnd frontEnd() {
    return chip;
  }

  public SimPins pins() {
    return pins;
  }

  /** The SPI provider, for wire faults on the front-end's chip select. */
  public SimSpiProvider spi() {
    return spi;
  }

  public SimClock clock() {
    return clock;
  }

  public void setBreechLatched(boolean latched) {
    breechLatched.set(latched);
  }

  public void setRailClear(boolean clear) {
    railClear.set(clear);
  }

  public boolean isClosed() {
    return ownedContext.isClosed();
  }

  /** Shuts the context down if this rail started it; a board's rail leaves that to the board. */
  @Override
  public void close() {
    ownedContext.close();
  }
}
