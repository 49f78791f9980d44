package space.lunarbase.hal.rail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.device.railfe.CoilCurrentSample;
import space.lunarbase.hal.device.railfe.CoilTriggerEvent;
import space.lunarbase.hal.device.railfe.EventFlag;
import space.lunarbase.hal.device.railfe.FiringEntry;
import space.lunarbase.hal.device.railfe.FiringTable;
import space.lunarbase.hal.device.railfe.GateEvent;
import space.lunarbase.hal.device.railfe.RailEvent;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedRail;
import space.lunarbase.hal.sim.SledPlant;
import space.lunarbase.hal.sim.spi.SpiFault;

/**
 * Whole shots on a manual clock, through the real driver and rail over the simulated front-end:
 * the physics seen in the timestamps, and the documented effect of each fault.
 */
class RailShotTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final double MASS = 10;
  static final double STAGE_J = 50_000;
  static final double EFFICIENCY = 0.5;

  /** 8 coils every 10 m; two gates between each pair of coils (no coil between a pair's gates). */
  static final SledPlant.Spec SPEC = spec();

  static SledPlant.Spec spec() {
    List<Double> coils = new ArrayList<>();
    List<Double> gates = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      coils.add(10.0 * k);
      gates.add(10.0 * k + 3);
      gates.add(10.0 * k + 7);
    }
    return new SledPlant.Spec(MASS, coils, gates, 80, STAGE_J, EFFICIENCY, 1e6, 0.5, 5_000, 500_000);
  }

  final SimClock clock = SimClock.manual(T0);
  final RailWiring wiring = new RailWiring("rail-a", 0, 0, 4_000_000, 5, 6, 13, 19, SPEC.gatePositionsM(),
      SPEC.coilPositionsM());
  final SimulatedRail sim = SimulatedRail.start(wiring, SPEC, clock);
  final LaunchRail rail = sim.rail();
  final List<RailEvent> events = new ArrayList<>();

  @AfterEach
  void tearDown() {
    sim.close();
  }

  /** Speed after n full stages: 1/2 m v^2 = n E eta. */
  static double speedAfter(int stages) {
    return Math.sqrt(2 * stages * STAGE_J * EFFICIENCY / MASS);
  }

  long fire(FiringTable table) {
    assertThat(rail.uploadFiringTable(table).done()).isTrue();
    assertThat(rail.armFrontEnd().done()).isTrue();
    assertThat(rail.setFirePermit(true).done()).isTrue();
    long t0 = rail.readFrontEnd().counterNs();
    RailAction fired = rail.fire();
    assertThat(fired.reason()).isEmpty();
    return t0;
  }

  /** Advances the clock 1 ms at a time for {@code millis}, draining every step. */
  void run(int millis) {
    for (int i = 0; i < millis; i++) {
      clock.advance(Duration.ofMillis(1));
      EventBatch batch = rail.drainEvents();
      assertThat(batch.quality()).isEqualTo(Quality.GOOD);
      events.addAll(batch.events());
    }
  }

  List<GateEvent> crossings() {
    return events.stream().filter(e -> e instanceof GateEvent g && g.isCrossing()).map(e -> (GateEvent) e).toList();
  }

  @Test
  void gateTimestampsGiveTheSledSpeedAndExitSpeedMatchesTheEnergy() {
    long t0 = fire(new FiringTable(SledPlant.idealTable(SPEC)));
    run(700);

    List<GateEvent> gates = crossings();
    assertThat(gates).extracting(GateEvent::gate).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    for (int k = 0; k < 8; k++) {
      GateEvent a = gates.get(2 * k);
      GateEvent b = gates.get(2 * k + 1);
      double dx = SPEC.gatePositionsM().get(2 * k + 1) - SPEC.gatePositionsM().get(2 * k);
      double speed = dx / ((b.timestampNs() - a.timestampNs()) / 1e9);
      assertThat(speed).as("speed between gates %d and %d", 2 * k, 2 * k + 1)
          .isCloseTo(speedAfter(k + 1), within(speedAfter(k + 1) * 1e-3));
    }
    double exit = sim.plant().exitSpeedMps();
    assertThat(0.5 * MASS * exit * exit).isCloseTo(8 * STAGE_J * EFFICIENCY, within(8 * STAGE_J * EFFICIENCY * 1e-9));
    assertThat(exit).isCloseTo(200, within(1e-9));
    assertThat(sim.plant().energyUsedJ()).isEqualTo(8 * STAGE_J);

    List<CoilTriggerEvent> triggers = events.stream().filter(e -> e instanceof CoilTriggerEvent)
        .map(e -> (CoilTriggerEvent) e).toList();
    List<FiringEntry> ideal = SledPlant.idealTable(SPEC);
    assertThat(triggers).hasSize(8).allSatisfy(t -> assertThat(t.flags()).isEmpty());
    for (CoilTriggerEvent t : triggers) {
      assertThat(t.timestampNs() - t0).isEqualTo(ideal.get(t.coil()).delayNs());
    }
    List<CoilCurrentSample> samples = events.stream().filter(e -> e instanceof CoilCurrentSample)
        .map(e -> (CoilCurrentSample) e).toList();
    assertThat(samples).hasSize(8 * 16);
    assertThat(samples.stream().mapToDouble(CoilCurrentSample::amps).max().orElseThrow()).isCloseTo(5_000, within(1.0));
    assertThat(events).isSortedAccordingTo((a, b) -> Long.compare(a.timestampNs(), b.timestampNs()));
    assertThat(rail.readFrontEnd().status().armed()).as("armed clears after the last trigger").isFalse();
  }

  @Test
  void gateReferencedTableGivesTheSameShot() {
    List<FiringEntry> entries = new ArrayList<>();
    entries.add(FiringEntry.afterFire(0, 0));
    for (int k = 1; k < 8; k++) {
      // gate 2k-1 sits 3 m before coil k; the sled crosses it at the speed of k stages
      entries.add(FiringEntry.afterGate(k, 2 * k - 1, Math.round(3 / speedAfter(k) * 1e9)));
    }
    fire(new FiringTable(entries));
    run(700);

    assertThat(sim.plant().exitSpeedMps()).isCloseTo(200, within(1e-3));
  }

  @Test
  void aNewSledLoadedAtTheBreechGivesTheSameShotAgain() {
    fire(new FiringTable(SledPlant.idealTable(SPEC)));
    run(700);
    assertThat(sim.plant().exitSpeedMps()).isCloseTo(200, within(1e-9));
    double used = sim.plant().energyUsedJ();

    sim.plant().loadSled();
    assertThat(sim.plant().positionM()).isZero();
    assertThat(sim.plant().speedMps()).isZero();
    assertThat(sim.plant().exitSpeedMps()).isNaN();
    events.clear();
    fire(new FiringTable(SledPlant.idealTable(SPEC)));
    run(700);

    assertThat(sim.plant().exitSpeedMps()).isCloseTo(200, within(1e-9));
    assertThat(sim.plant().energyUsedJ()).isEqualTo(2 * used);
    assertThat(crossings()).hasSize(16);
  }

  @Test
  void deadGateNeverReports() {
    sim.plant().injectDeadGate(3);
    fire(new FiringTable(SledPlant.idealTable(SPEC)));
    run(700);

    assertThat(crossings()).extracting(GateEvent::gate).hasSize(15).doesNotContain(3);
    assertThat(sim.plant().exitSpeedMps()).isCloseTo(200, within(1e-9));
  }

  @Test
  void noisyGateAddsSpuriousEventsFlaggedAsNoise() {
    sim.plant().injectNoisyGate(2, 3);
    fire(new FiringTable(SledPlant.idealTable(SPEC)));
    run(700);

    List<GateEvent> gate2 = events.stream().filter(e -> e instanceof GateEvent g && g.gate() == 2)
        .map(e -> (GateEvent) e).toList();
    assertThat(gate2).hasSize(4);
    assertThat(gate2.getFirst().isCrossing()).isTrue();
    assertThat(gate2.subList(1, 4)).allSatisfy(g -> assertThat(g.flags()).containsExactly(EventFlag.NOISE));
    assertThat(gate2.get(3).timestampNs() - gate2.getFirst().timestampNs()).isEqualTo(3_000);
    assertThat(crossings()).hasSize(16);
  }

  @Test
  void smallFifoOverflowsAndSaysSo() {
    sim.frontEnd().injectFifoDepth(20);
    fire(new FiringTable(SledPlant.idealTable(SPEC)));
    clock.advance(Duration.ofMillis(700));

    EventBatch batch = rail.drainEvents();

    int total = 16 + 8 + 8 * 16;
    assertThat(batch.quality()).isEqualTo(Quality.GOOD);
    assertThat(batch.events()).hasSize(20);
    assertThat(batch.overflow()).isTrue();
    assertThat(batch.droppedRecords()).isEqualTo(total - 20);
    assertThat(batch.complete()).isFalse();
    assertThat(rail.readFrontEnd().status().fifoOverflow()).isTrue();

    assertThat(rail.clearEvents().done()).isTrue();
    EventBatch after = rail.drainEvents();
    assertThat(after.overflow()).isFalse();
    assertThat(after.droppedRecords()).isZero();
  }

  @Test
  void oneCorruptFifoReadIsRecoveredTwoLoseTheBatchOnly() {
    fire(new FiringTable(SledPlant.idealTable(SPEC)));
    clock.advance(Duration.ofMillis(700));
    sim.spi().injectFault(0, 0, corruptFifoReads(1));

    EventBatch first = rail.drainEvents();

    assertThat(first.quality()).isEqualTo(Quality.GOOD);
    assertThat(first.lostRecords()).isZero();
    assertThat(sim.driver().crcErrors()).isEqualTo(1);
    assertThat(first.events()).hasSize(152);

    fire(new FiringTable(SledPlant.idealTable(SPEC))); // a second shot: the sled has left, coils fire again
    clock.advance(Duration.ofMillis(10));
    sim.spi().injectFault(0, 0, corruptFifoReads(2));
    EventBatch second = rail.drainEvents();
    // 17 records waiting (coil 0's trigger and 16 samples): the first batch of 15 fails twice, the
    // drain stops there and says so; the other 2 stay for the next drain
    assertThat(second.quality()).isEqualTo(Quality.GOOD);
    assertThat(second.events()).isEmpty();
    assertThat(second.lostRecords()).isEqualTo(15);
    assertThat(second.remaining()).isEqualTo(2);
    assertThat(sim.driver().lostRecords()).isEqualTo(15);
    assertThat(rail.drainEvents().events()).hasSize(2);
    assertThat(sim.driver().crcErrors()).isEqualTo(3);
    assertThat(second.complete()).isFalse();
  }

  @Test
  void corruptStatusReadIsAFailedReadingNotAnException() {
    sim.spi().injectFault(0, 0, SpiFault.flipBitInNext(1));

    FrontEndReading reading = rail.readFrontEnd();

    assertThat(reading.quality()).isEqualTo(Quality.FAILED);
    assertThat(reading.fault()).contains("rail-a/frontend").contains("CRC");
    assertThat(rail.readFrontEnd().quality()).isEqualTo(Quality.GOOD);
  }

  @Test
  void deadCoilIsFlaggedAndTheSledMissesTheLaterStages() {
    sim.plant().injectDeadCoil(3);
    fire(new FiringTable(SledPlant.idealTable(SPEC)));
    run(900);

    CoilTriggerEvent dead = events.stream().filter(e -> e instanceof CoilTriggerEvent t && t.coil() == 3)
        .map(e -> (CoilTriggerEvent) e).findFirst().orElseThrow();
    assertThat(dead.flags()).containsExactly(EventFlag.NO_CURRENT);
    assertThat(events).filteredOn(e -> e instanceof CoilCurrentSample s && s.coil() == 3)
        .hasSize(16).allSatisfy(s -> assertThat(((CoilCurrentSample) s).amps()).isZero());
    assertThat(rail.readFrontEnd().status().coilFault()).isTrue();
    // coil 3 drew nothing; the later coils fired on the ideal schedule, before the slower sled arrived
    assertThat(sim.plant().energyUsedJ()).isEqualTo(7 * STAGE_J);
    assertThat(sim.plant().exitSpeedMps()).isCloseTo(speedAfter(3), within(1e-9));
  }

  /** Flips a bit in the responses of the next {@code count} FIFO_DATA / FIFO_REPEAT reads. */
  static SpiFault corruptFifoReads(int count) {
    int[] left = {count};
    return (mosi, miso) -> {
      int register = mosi[0] & 0x7F;
      if ((register == 0x22 || register == 0x23) && left[0] > 0) {
        left[0]--;
        miso[miso.length - 2] ^= 0x01;
      }
    };
  }
}
