package space.lunarbase.hal.sim;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.hal.bank.CapacitorBank;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.bank.MonitoredBank;
import space.lunarbase.hal.board.BankWiring;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.device.ina226.Ina226;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.tracker.SolarTracker;

/**
 * The original single-chip simulated board, kept for the pack monitor's tests: a Pi4J context
 * holding only our {@link SimI2CProvider} (no platform, no auto-detection), a {@link SimIna226} at
 * the wiring's bus and address measuring
 * a {@link CapacitorStringPlant}, and the same {@link Ina226} driver and {@link MonitoredBank} a
 * real board uses on top. Tests and the rig reach the plant, the chip and the clock to drive the
 * simulation and inject faults.
 */
public final class SimulatedPackBoard implements Board {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedPackBoard.class);

  private final Context pi4j;
  private final CapacitorStringPlant plant;
  private final SimIna226 chip;
  private final SimClock clock;
  private final CapacitorBank bank;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SimulatedPackBoard(Context pi4j, CapacitorStringPlant plant, SimIna226 chip, SimClock clock,
      CapacitorBank bank) {
    this.pi4j = pi4j;
    this.plant = plant;
    this.chip = chip;
    this.clock = clock;
    this.bank = bank;
  }

  /** Builds and starts the board; the driver's start() runs against the simulated chip. */
  public static SimulatedPackBoard start(BankWiring wiring, CapacitorStringPlant.Spec spec, SimClock clock) {
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(clock, "clock");
    Ina226.Settings settings = new Ina226.Settings(wiring.monitorName(), wiring.shuntOhms(), wiring.maxCurrentA());
    CapacitorStringPlant plant = new CapacitorStringPlant(spec, clock);
    SimIna226 chip = new SimIna226(plant, wiring.shuntOhms());
    SimI2CProvider provider = new SimI2CProvider().attach(wiring.bus(), wiring.address(), chip);
    Context pi4j = Pi4J.newContextBuilder().add(provider).build();
    try {
      I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(wiring.monitorIoId()).bus(wiring.bus())
          .device(wiring.address()).provider(SimI2CProvider.ID).build());
      Ina226 monitor = new Ina226(i2c, settings);
      monitor.start();
      return new SimulatedPackBoard(pi4j, plant, chip, clock, new MonitoredBank(wiring.id(), monitor, clock));
    } catch (RuntimeException e) {
      shutdownQuietly(pi4j, e);
      throw e;
    }
  }

  private static void shutdownQuietly(Context pi4j, RuntimeException cause) {
    try {
      pi4j.shutdown();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public String mode() {
    return "sim";
  }

  /** The pack view: this board's only device. */
  public CapacitorBank pack() {
    return bank;
  }

  @Override
  public Optional<CapacitorBank> bank() {
    return Optional.of(bank);
  }

  /** None: this board measures the pack only. */
  @Override
  public Optional<CellBank> cellBank() {
    return Optional.empty();
  }

  @Override
  public Optional<SolarTracker> tracker() {
    return Optional.empty();
  }

  @Override
  public Optional<LaunchRail> rail() {
    return Optional.empty();
  }

  public CapacitorStringPlant plant() {
    return plant;
  }

  /** The simulated pack monitor chip, for fault injection. */
  public SimIna226 ina226() {
    return chip;
  }

  public SimClock clock() {
    return clock;
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
