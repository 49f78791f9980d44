package space.lunarbase.hal.sim;

import com.pi4j.context.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.ephemeris.LunarSite;
import space.lunarbase.hal.bank.CapacitorBank;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.tracker.SolarTracker;
import space.lunarbase.hal.tracker.StepperTracker;

/**
 * A whole controller board in simulation: every family of a {@link BoardDescription} on ONE Pi4J
 * context built from one {@link SimBuses} (one simulated I2C provider, one SPI provider, one set of
 * GPIO pins), each family's chips answering from its plant model on one {@link SimClock}, and the
 * same drivers and assemblies a real board uses on top. Tests and the rig reach each family's
 * simulation ({@link #bankSim()}, {@link #trackerSim()}, {@link #railSim()}) to drive it and
 * inject faults, and the shared {@link #buses()} for wire faults.
 */
public final class SimulatedBoard implements Board {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedBoard.class);

  /**
   * The plant models behind a board's families; a family the description lacks ignores its plant.
   *
   * @param bank the cell string (its cell count must match the bank wiring's)
   * @param tracker the tracker's mechanics (must match the tracker wiring's)
   * @param sun where the Sun is
   * @param rail the sled and rail (gate and coil positions must match the rail wiring's)
   * @param railFedByBank on a board with both a bank and a rail, the rail's coil stages draw their
   *     energy from the bank's cells ({@link CellStringPlant#deliver}: cell voltages drop after a
   *     shot); false, or without a bank, the rail spends its own budget
   */
  public record Plants(CellStringPlant.Spec bank, TrackerPlant.Spec tracker, SunDirection sun, SledPlant.Spec rail,
      boolean railFedByBank) {

    public Plants {
      Objects.requireNonNull(bank, "bank");
      Objects.requireNonNull(tracker, "tracker");
      Objects.requireNonNull(sun, "sun");
      Objects.requireNonNull(rail, "rail");
    }

    /** Plants whose rail spends its own budget. */
    public Plants(CellStringPlant.Spec bank, TrackerPlant.Spec tracker, SunDirection sun, SledPlant.Spec rail) {
      this(bank, tracker, sun, rail, false);
    }

    /** These plants with the rail fed by the bank ({@code true}) or by its own budget. */
    public Plants withRailFedByBank(boolean fed) {
      return new Plants(bank, tracker, sun, rail, fed);
    }

    /**
     * The demo site, where the demo plants' Sun is: 89.9 degrees S, 0 degrees E (selenographic, mean
     * Earth frame), on the reference sphere; a point 3 km from the lunar south pole, like a spot on
     * the rim of Shackleton crater. There the Sun circles the horizon once per synodic month,
     * within 1.64 degrees of it (0.1 for the distance from the pole, 1.54 for the tilt of the lunar
     * equator): above the horizon for months at a time during the southern summer (e.g. from
     * September 2026 to January 2027), below it the rest of the eclipse year.
     */
    public static final LunarSite DEMO_SITE = new LunarSite(-89.9, 0, 0);

    /**
     * The plants of {@link BoardDescription#demo()}: {@link CellStringPlant.Spec#demo 12 cells of
     * 3000 F, 2 % spread}, {@link TrackerPlant.Spec#demo()}, the real Sun at {@link #DEMO_SITE}
     * ({@link SunDirection#ephemeris}), {@link SledPlant.Spec#demo()} on its own energy budget.
     */
    public static Plants demo() {
      return new Plants(CellStringPlant.Spec.demo(0.02), TrackerPlant.Spec.demo(), SunDirection.ephemeris(DEMO_SITE),
          SledPlant.Spec.demo());
    }
  }

  private final Context pi4j;
  private final SimBuses buses;
  private final SimClock clock;
  private final Path oneWireRoot;
  private final Optional<SimulatedBank> bank;
  private final Optional<SimulatedTracker> tracker;
  private final Optional<SimulatedRail> rail;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SimulatedBoard(Context pi4j, SimBuses buses, SimClock clock, Path oneWireRoot, Optional<SimulatedBank> bank,
      Optional<SimulatedTracker> tracker, Optional<SimulatedRail> rail) {
    this.pi4j = pi4j;
    this.buses = buses;
    this.clock = clock;
    this.oneWireRoot = oneWireRoot;
    this.bank = bank;
    this.tracker = tracker;
    this.rail = rail;
  }

  /**
   * Builds the plants and chips of every described family on one set of simulated buses and starts
   * the drivers on the board's one context. The bank's 1-Wire files live in a temporary folder
   * removed at {@link #close()}.
   *
   * @throws IllegalArgumentException if a plant does not match its family's wiring
   * @throws space.lunarbase.hal.DeviceException if a driver's start-up check fails
   */
  public static SimulatedBoard start(BoardDescription description, Plants plants, SimClock clock) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(plants, "plants");
    Objects.requireNonNull(clock, "clock");
    Path oneWireRoot = temporaryFolder();
    SimBuses buses = new SimBuses();
    Context pi4j = buses.newContext();
    try {
      Optional<SimulatedBank> bank = description.bank()
          .map(w -> SimulatedBank.attach(buses, pi4j, w, plants.bank(), clock, oneWireRoot));
      Optional<SimulatedTracker> tracker = description.tracker()
          .map(w -> SimulatedTracker.attach(buses, pi4j, w, plants.tracker(), SunSensorModel.Spec.demo(), plants.sun(),
              clock, StepperTracker.Settings.defaults(w.id())));
      SledPlant.Supply supply = plants.railFedByBank() ? bank.map(b -> (SledPlant.Supply) b.plant()::deliver)
          .orElse(null) : null;
      Optional<SimulatedRail> rail = description.rail()
          .map(w -> SimulatedRail.attach(buses, pi4j, w, plants.rail(), clock, supply));
      return new SimulatedBoard(pi4j, buses, clock, oneWireRoot, bank, tracker, rail);
    } catch (RuntimeException e) {
      SimBuses.shutdownAfter(pi4j, e);
      deleteQuietly(oneWireRoot);
      throw e;
    }
  }

  @Override
  public String mode() {
    return "sim";
  }

  @Override
  public Optional<CapacitorBank> bank() {
    return bank.map(SimulatedBank::bank);
  }

  @Override
  public Optional<CellBank> cellBank() {
    return bank.map(SimulatedBank::bank);
  }

  @Override
  public Optional<SolarTracker> tracker() {
    return tracker.map(SimulatedTracker::tracker);
  }

  @Override
  public Optional<LaunchRail> rail() {
    return rail.map(SimulatedRail::rail);
  }

  /** The bank's simulation (plant, chips, 1-Wire files), for driving it and fault injection. */
  public Optional<SimulatedBank> bankSim() {
    return bank;
  }

  /** The tracker's simulation (plant, encoders, sun-sensor ADC), for driving it and fault injection. */
  public Optional<SimulatedTracker> trackerSim() {
    return tracker;
  }

  /** The rail's simulation (sled plant, front-end, discretes), for driving it and fault injection. */
  public Optional<SimulatedRail> railSim() {
    return rail;
  }

  /** The board's shared simulated buses: I2C chips, SPI devices and faults, GPIO pins and faults. */
  public SimBuses buses() {
    return buses;
  }

  public SimClock clock() {
    return clock;
  }

  /** Advances the clock, then rewrites the 1-Wire files and polls every input pin (fires edges). */
  public void advance(Duration step) {
    clock.advance(step);
    refresh();
  }

  /** Rewrites the 1-Wire files from the bank plant and polls every input pin. */
  public void refresh() {
    bank.ifPresent(b -> b.oneWire().refresh());
    buses.pins().refresh();
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Shuts the board's one context down (every family's handles) and removes the 1-Wire folder. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      bank.ifPresent(SimulatedBank::close);
      tracker.ifPresent(SimulatedTracker::close);
      rail.ifPresent(SimulatedRail::close);
      try {
        pi4j.shutdown();
      } catch (RuntimeException e) {
        LOG.warn("Pi4J context did not shut down cleanly", e);
      }
      deleteQuietly(oneWireRoot);
    }
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("lunarbase-sim-w1-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the simulated 1-Wire bus", e);
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("could not remove {}", root, e);
    }
  }
}
