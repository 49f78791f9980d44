package space.lunarbase.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.device.railfe.FiringTable;
import space.lunarbase.hal.device.railfe.GateEvent;
import space.lunarbase.hal.device.railfe.RailEvent;
import space.lunarbase.hal.rail.EventBatch;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.sim.spi.SpiFault;
import space.lunarbase.hal.tracker.AngleReading;
import space.lunarbase.hal.tracker.Axis;
import space.lunarbase.hal.tracker.SolarTracker;

/** The demo board: three families on one Pi4J context over one set of simulated buses. */
class SimulatedBoardTest {

  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
  final BoardDescription demo = BoardDescription.demo();
  final SimulatedBoard board = SimulatedBoard.start(demo, SimulatedBoard.Plants.demo(), clock);

  @AfterEach
  void tearDown() {
    board.close();
  }

  @Test
  void everyFamilySitsOnTheBoardsOneSetOfBuses() {
    SimBuses buses = board.buses();
    assertThat(board.mode()).isEqualTo("sim");
    assertThat(board.bankSim().orElseThrow().pins()).isSameAs(buses.pins());
    assertThat(board.trackerSim().orElseThrow().pins()).isSameAs(buses.pins());
    assertThat(board.trackerSim().orElseThrow().i2c()).isSameAs(buses.i2c());
    assertThat(board.railSim().orElseThrow().pins()).isSameAs(buses.pins());
    assertThat(board.railSim().orElseThrow().spi()).isSameAs(buses.spi());
    assertThat(board.bank().orElseThrow()).isSameAs(board.cellBank().orElseThrow());
    assertThatThrownBy(buses::newContext).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already have their Pi4J context");
  }

  @Test
  void theBankChargesAtItsSetpoint() {
    CellBank bank = board.cellBank().orElseThrow();
    assertThat(bank.id()).isEqualTo("bank-1");
    bank.closeContactor(BankContactor.MAIN);
    bank.setChargeCurrent(10);
    double before = bank.readPack().voltageV();

    board.advance(Duration.ofMinutes(1));

    PackReading pack = bank.readPack();
    assertThat(pack.quality()).isEqualTo(Quality.GOOD);
    assertThat(pack.currentA()).isBetween(9.0, 10.5);
    // 10 A for 60 s into about 250 F of string: about 2.4 V
    assertThat(pack.voltageV() - before).isCloseTo(2.4, within(0.2));
    assertThat(bank.readCells()).hasSize(12).allSatisfy(cell -> assertThat(cell.isGood()).isTrue());
  }

  @Test
  void theTrackerStepsAndItsEncoderFollows() {
    SolarTracker tracker = board.tracker().orElseThrow();
    double start = tracker.encoderAngle(Axis.AZIMUTH).degrees();
    tracker.enableMotors(true);

    for (int i = 0; i < 20 && Math.abs(tracker.encoderAngle(Axis.AZIMUTH).degrees() - (start + 10)) > 0.5; i++) {
      tracker.moveTowards(Axis.AZIMUTH, start + 10);
    }

    AngleReading azimuth = tracker.encoderAngle(Axis.AZIMUTH);
    assertThat(azimuth.quality()).isEqualTo(Quality.GOOD);
    assertThat(azimuth.degrees()).isCloseTo(start + 10, within(0.5));
    assertThat(board.trackerSim().orElseThrow().plant().angle(Axis.AZIMUTH)).isCloseTo(start + 10, within(0.5));
  }

  @Test
  void theRailsFrontEndAnswersAndAShotsGatesArrive() {
    LaunchRail rail = board.rail().orElseThrow();
    assertThat(rail.readFrontEnd().quality()).isEqualTo(Quality.GOOD);
    SledPlant.Spec spec = board.railSim().orElseThrow().plant().spec();
    assertThat(rail.uploadFiringTable(new FiringTable(SledPlant.idealTable(spec))).done()).isTrue();
    assertThat(rail.armFrontEnd().done()).isTrue();
    assertThat(rail.setFirePermit(true).done()).isTrue();
    assertThat(rail.fire().reason()).isEmpty();

    List<RailEvent> events = new ArrayList<>();
    for (int ms = 0; ms < 700; ms++) {
      clock.advance(Duration.ofMillis(1));
      EventBatch batch = rail.drainEvents();
      assertThat(batch.quality()).isEqualTo(Quality.GOOD);
      events.addAll(batch.events());
    }

    assertThat(events.stream().filter(e -> e instanceof GateEvent g && g.isCrossing()).map(e -> ((GateEvent) e).gate()))
        .containsExactlyElementsOf(IntStream.range(0, spec.gatePositionsM().size()).boxed().toList());
    assertThat(board.railSim().orElseThrow().plant().exitSpeedMps()).isCloseTo(200, within(1e-6));
  }

  @Test
  void aRailFedByTheBankDrawsItsShotFromTheCells() {
    try (SimulatedBoard fed = SimulatedBoard.start(demo, SimulatedBoard.Plants.demo().withRailFedByBank(true), clock)) {
      CellStringPlant cells = fed.bankSim().orElseThrow().plant();
      SledPlant sled = fed.railSim().orElseThrow().plant();
      LaunchRail rail = fed.rail().orElseThrow();
      cells.setCoil(CellStringPlant.Switch.MAIN, true);
      cells.setChargerDuty(1.0);
      fed.advance(Duration.ofSeconds(80)); // 100 A for 80 s: about 2.7 V a cell, about 130 kJ
      cells.setChargerDuty(0);
      double stored = cells.energyJ();
      assertThat(stored).isBetween(100_000.0, 135_000.0);

      assertThat(rail.uploadFiringTable(new FiringTable(SledPlant.idealTable(sled.spec()))).done()).isTrue();
      assertThat(rail.armFrontEnd().done()).isTrue();
      assertThat(rail.setFirePermit(true).done()).isTrue();
      assertThat(rail.fire().reason()).isEmpty();
      for (int ms = 0; ms < 2_000; ms++) {
        clock.advance(Duration.ofMillis(1));
        rail.drainEvents();
      }

      // two full 50 kJ stages and a partial third, then nothing left for the others
      assertThat(sled.energyUsedJ()).isCloseTo(stored, withinPercentage(0.5));
      assertThat(cells.energyJ()).isLessThan(stored * 0.005);
      assertThat(0.5 * sled.spec().massKg() * sled.exitSpeedMps() * sled.exitSpeedMps())
          .isLessThanOrEqualTo(sled.spec().efficiency() * stored + 1e-6);
    }
  }

  @Test
  void faultsAreInjectedThroughTheBoardForEachFamily() {
    board.bankSim().orElseThrow().ina226().injectNack(true);
    board.trackerSim().orElseThrow().encoder(Axis.ELEVATION).injectMagnet(SimAs5600.Magnet.LOST);
    RailWiring rail = demo.rail().orElseThrow();
    board.buses().spi().injectFault(rail.spiBus(), rail.chipSelect(), SpiFault.flipBitInNext(1));

    assertThat(board.bank().orElseThrow().readPack().quality()).isEqualTo(Quality.FAILED);
    assertThat(board.tracker().orElseThrow().encoderAngle(Axis.ELEVATION).quality()).isEqualTo(Quality.FAILED);
    assertThat(board.tracker().orElseThrow().encoderAngle(Axis.AZIMUTH).quality())
        .as("the other encoder on the shared bus").isEqualTo(Quality.GOOD);
    assertThat(board.rail().orElseThrow().readFrontEnd().quality()).isEqualTo(Quality.FAILED);
    assertThat(board.rail().orElseThrow().readFrontEnd().quality()).as("one corrupted frame only")
        .isEqualTo(Quality.GOOD);
  }

  @Test
  void aBoardWithOneFamilyHasOnlyThatOne() {
    try (SimulatedBoard railOnly = SimulatedBoard.start(BoardDescription.of(null, null, demo.rail().orElseThrow()),
        SimulatedBoard.Plants.demo(), clock)) {
      assertThat(railOnly.bank()).isEmpty();
      assertThat(railOnly.cellBank()).isEmpty();
      assertThat(railOnly.tracker()).isEmpty();
      assertThat(railOnly.rail()).isPresent();
      assertThat(railOnly.rail().orElseThrow().readFrontEnd().quality()).isEqualTo(Quality.GOOD);
    }
  }

  @Test
  void closeShutsTheOneContextForEveryFamilyAndIsIdempotent() {
    board.close();
    board.close();

    assertThat(board.isClosed()).isTrue();
    assertThat(board.bank().orElseThrow().readPack().quality()).isEqualTo(Quality.FAILED);
    assertThat(board.tracker().orElseThrow().encoderAngle(Axis.AZIMUTH).quality()).isEqualTo(Quality.FAILED);
    assertThat(board.rail().orElseThrow().readFrontEnd().quality()).isEqualTo(Quality.FAILED);
  }

  @Test
  void plantsThatDoNotMatchTheDescriptionStopTheStart() {
    SimulatedBoard.Plants demoPlants = SimulatedBoard.Plants.demo();
    SimulatedBoard.Plants elevenCells = new SimulatedBoard.Plants(new CellStringPlant.Spec(
        demoPlants.bank().cells().subList(0, 11), 2.7, 10, 2, 600, 20, 32.4, 0.05, 100, 1, 0), demoPlants.tracker(),
        demoPlants.sun(), demoPlants.rail());

    assertThatThrownBy(() -> SimulatedBoard.start(demo, elevenCells, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plant has 11 cells, wiring bank-1 has 12");
  }
}
