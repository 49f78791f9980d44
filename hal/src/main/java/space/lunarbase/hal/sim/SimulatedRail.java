package space.lunarbase.hal.sim;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.device.railfe.RailFrontEnd;
import space.lunarbase.hal.rail.FrontEndRail;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.sim.gpio.SimDigitalInputProvider;
import space.lunarbase.hal.sim.gpio.SimDigitalOutputProvider;
import space.lunarbase.hal.sim.gpio.SimPins;
import space.lunarbase.hal.sim.spi.SimSpiProvider;

/**
 * A launch rail in simulation: a Pi4J context holding only our {@link SimSpiProvider} and the
 * {@link SimPins} GPIO providers, a {@link SimRailFrontEnd} on the wiring's bus and chip select over
 * a {@link SledPlant} on the {@link SimClock}, and the same {@link RailFrontEnd} driver and
 * {@link FrontEndRail} a real board uses on top. The front-end's FIRE_PERMIT input is the level of
 * the fire-permit output pin; the breech-latched and rail-clear inputs are settable here (both
 * true at start). Tests and the rig reach the plant, chip, pins, SPI provider and clock to drive
 * the simulation and inject faults.
 */
public final class SimulatedRail implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedRail.class);
  /** Records one drain reads at most. */
  public static final int MAX_RECORDS_PER_DRAIN = 256;

  private final Context pi4j;
  private final SledPlant plant;
  private final SimRailFrontEnd chip;
  private final SimPins pins;
  private final SimSpiProvider spi;
  private final SimClock clock;
  private final LaunchRail rail;
  private final RailFrontEnd driver;
  private final AtomicBoolean breechLatched;
  private final AtomicBoolean railClear;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SimulatedRail(Parts p, Context pi4j, RailFrontEnd driver, LaunchRail rail) {
    this.pi4j = pi4j;
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
   * Builds and starts the rail; the driver's start() runs against the simulated front-end.
   *
   * @throws IllegalArgumentException if the wiring's gate or coil positions differ from the plant's
   */
  public static SimulatedRail start(RailWiring wiring, SledPlant.Spec spec, SimClock clock) {
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(clock, "clock");
    if (!wiring.gatePositionsM().equals(spec.gatePositionsM())
        || !wiring.coilPositionsM().equals(spec.coilPositionsM())) {
      throw new IllegalArgumentException("rail " + wiring.id() + ": wiring and plant disagree on gate or coil"
          + " positions: wiring gates " + wiring.gatePositionsM() + " coils " + wiring.coilPositionsM()
          + ", plant gates " + spec.gatePositionsM() + " coils " + spec.coilPositionsM());
    }
    SledPlant plant = new SledPlant(spec, clock);
    SimPins pins = new SimPins();
    AtomicBoolean breech = new AtomicBoolean(true);
    AtomicBoolean clear = new AtomicBoolean(true);
    pins.driveInput(wiring.breechLatchedPin(), breech::get).driveInput(wiring.railClearPin(), clear::get);
    SimRailFrontEnd chip = new SimRailFrontEnd(plant, () -> pins.outputHigh(wiring.firePermitPin()));
    SimSpiProvider spi = new SimSpiProvider().attach(wiring.spiBus(), wiring.chipSelect(), chip);
    Context pi4j = Pi4J.newContextBuilder().add(spi).add(pins.providers()).build();
    try {
      Spi handle = pi4j.create(Spi.newConfigBuilder(pi4j).id(wiring.frontEndIoId()).bus(SpiBus.getByNumber(wiring.spiBus()))
          .chipSelect(SpiChipSelect.getByNumber(wiring.chipSelect())).mode(SpiMode.MODE_0).baud(wiring.baud())
          .provider(SimSpiProvider.ID).build());
      RailFrontEnd driver = new RailFrontEnd(handle,
          new RailFrontEnd.Settings(wiring.frontEndName(), MAX_RECORDS_PER_DRAIN));
      driver.start();
      FrontEndRail.Discretes io = new FrontEndRail.Discretes(
          input(pi4j, wiring.pinIoId("breech-latched"), wiring.breechLatchedPin()),
          input(pi4j, wiring.pinIoId("rail-clear"), wiring.railClearPin()),
          output(pi4j, wiring.pinIoId("arm"), wiring.armPin()),
          output(pi4j, wiring.pinIoId("fire-permit"), wiring.firePermitPin()));
      LaunchRail rail = new FrontEndRail(wiring.id(), driver, io, clock);
      return new SimulatedRail(new Parts(plant, chip, pins, spi, clock, breech, clear), pi4j, driver, rail);
    } catch (RuntimeException e) {
      try {
        pi4j.shutdown();
      } catch (RuntimeException s) {
        e.addSuppressed(s);
      }
      throw e;
    }
  }

  private static DigitalInput input(Context pi4j, String id, int pin) {
    return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(pin).pull(PullResistance.PULL_DOWN)
        .provider(SimDigitalInputProvider.ID).build());
  }

  private static DigitalOutput output(Context pi4j, String id, int pin) {
    return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(pin).initial(DigitalState.LOW)
        .shutdown(DigitalState.LOW).provider(SimDigitalOutputProvider.ID).build());
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
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        pi4j.shutdown();
      } catch (RuntimeException e) {
        LOG.warn("Pi4J context did not shut down cleanly", e);
      }
    }
  }
}
