package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.proto.v1.RailTelemetry;
import space.lunarbase.proto.v1.ShotAnomaly.Kind;
import space.lunarbase.proto.v1.ShotReport;

/**
 * Whole shots through the component tester: a two-stage shot of a 10 kg payload to 100 m/s on the
 * demo rail, the bank feeding the coils; the exit speed from the gate timestamps against the sled
 * plant's true exit speed; then the same shot with a dead gate, a noisy gate, a dead coil and a
 * FIFO too small for the shot.
 */
class RailSequenceShotTest {

  /** The exit speed from the gates must be this close to the plant's true one. */
  static final double EXIT_TOLERANCE_MPS = 0.01;

  @TempDir
  Path data;
  RailTester tester;

  @BeforeEach
  void start() {
    tester = new RailTester(data);
    tester.charge(Duration.ofSeconds(90)); // about 2.6 V a cell, about 120 kJ: two 50 kJ stages
  }

  @AfterEach
  void stop() {
    tester.close();
  }

  /** PLAN_SHOT sat-0100 (10 kg, 100 m/s), ARM, FIRE, then cycles until SAFE again; returns the final report. */
  ShotReport shoot() {
    tester.completed(tester.plan("sat-0100", 10, 100));
    String arm = tester.arm();
    tester.completed(tester.fire(arm));
    tester.cycleUntil(() -> tester.sequencer.state() == RailState.SAFE, Duration.ofSeconds(3), "shot analysed");
    tester.cycleFor(Duration.ofMillis(200)); // the sled leaves the rail (80 m) after the last gate (75 m)
    ShotReport report = tester.shots().getLast();
    assertThat(report.getAnalyzed()).isTrue();
    assertThat(report).isEqualTo(tester.sequencer.lastReport().orElseThrow());
    return report;
  }

  @Test
  void aFullShotsExitSpeedMatchesThePlantsTrueSpeed() {
    double stored = tester.board.bankSim().orElseThrow().plant().energyJ();

    ShotReport report = shoot();

    double truth = tester.railSim.plant().exitSpeedMps();
    double error = report.getExitSpeedMps() - truth;
    System.out.printf(Locale.ROOT, "RAIL-SHOT component: exit %.9f m/s, plant %.9f m/s, error %.3e m/s (%.3e %%)%n",
        report.getExitSpeedMps(), truth, error, 100 * error / truth);
    assertThat(truth).isCloseTo(100, within(1e-6));
    assertThat(report.getExitSpeedMps()).isCloseTo(truth, within(EXIT_TOLERANCE_MPS));
    assertThat(report.getAnomaliesList()).isEmpty();
    assertThat(report.getPayloadId()).isEqualTo("sat-0100");
    assertThat(report.getPayloadMassKg()).isEqualTo(10.0);
    assertThat(report.getTargetSpeedMps()).isEqualTo(100.0);
    assertThat(report.getStages()).isEqualTo(2);
    assertThat(report.getPlannedExitSpeedMps()).isCloseTo(100, within(1e-9));
    assertThat(report.getRequiredEnergyJ()).isCloseTo(100_000, within(1e-6));
    assertThat(report.getRailId()).isEqualTo("rail-1");
    assertThat(report.getArm()).isEqualTo(1);
    assertThat(report.getSequence()).isEqualTo(RailTelemetry.Sequence.SEQUENCE_SAFE);
    assertThat(report.getGatesList()).extracting(g -> g.getGate()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(report.getSegmentSpeedMpsList()).hasSize(7);
    assertThat(report.getStageSpeedMpsList().get(0)).isCloseTo(Math.sqrt(5000), within(EXIT_TOLERANCE_MPS));
    // the bank fed the coils: two 50 kJ stages out of the cells, seen in the cell readings (nominal C)
    assertThat(tester.railSim.plant().energyUsedJ()).isCloseTo(100_000, within(1e-6));
    assertThat(stored - tester.board.bankSim().orElseThrow().plant().energyJ()).isCloseTo(100_000, within(1.0));
    assertThat(report.getEnergyUsedJ()).isCloseTo(100_000, withinPercentage(2));
    assertThat(report.getBankEnergyAtArmJ()).isGreaterThan(100_000);

    assertThat(tester.events("RAIL_STATE_CHANGED")).extracting(e -> e.getArgsMap().get("to"))
        .containsExactly("ARMING", "ARMED", "FIRE", "ANALYZE", "SAFE");
    assertThat(tester.events("SHOT_FIRED")).hasSize(1);
    assertThat(tester.events("SHOT_ANALYZED").getFirst().getText()).startsWith("sat-0100: exit 100.000 m/s"
        + " (plan 100.000 m/s), 0 anomalies");
    assertThat(tester.shots()).extracting(ShotReport::getSequence).containsSubsequence(
        RailTelemetry.Sequence.SEQUENCE_SAFE, RailTelemetry.Sequence.SEQUENCE_ARMING,
        RailTelemetry.Sequence.SEQUENCE_ARMED, RailTelemetry.Sequence.SEQUENCE_FIRE,
        RailTelemetry.Sequence.SEQUENCE_ANALYZE, RailTelemetry.Sequence.SEQUENCE_SAFE);
    assertThat(tester.railFrames()).extracting(RailTelemetry::getSequence).contains(
        RailTelemetry.Sequence.SEQUENCE_ARMED, RailTelemetry.Sequence.SEQUENCE_FIRE);
    RailTelemetry armed = tester.railFrames().stream()
        .filter(f -> f.getSequence() == RailTelemetry.Sequence.SEQUENCE_ARMED).findFirst().orElseThrow();
    assertThat(armed.getArmOutput()).isTrue();
    assertThat(armed.getPayloadId()).isEqualTo("sat-0100");
    assertThat(armed.getArm()).isEqualTo(1);
    assertThat(armed.getTemperaturesList()).hasSize(8);
    tester.assertHardwareSafe();
    assertThat(tester.sequencer.plan()).isEmpty();
  }

  @Test
  void aDeadGateIsAMissingGateAndTheExitSpeedHolds() {
    tester.railSim.plant().injectDeadGate(3);

    ShotReport report = shoot();

    assertThat(report.getAnomalyDetailsList()).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo(Kind.KIND_MISSING_GATE);
      assertThat(a.getGate()).isEqualTo(3);
    });
    assertThat(report.getExitSpeedMps()).isCloseTo(tester.railSim.plant().exitSpeedMps(), within(EXIT_TOLERANCE_MPS));
    assertThat(tester.events("SHOT_ANOMALY").getFirst().getArgsMap()).containsEntry("kind", "MISSING_GATE")
        .containsEntry("gate", "3").containsEntry("payload", "sat-0100");
  }

  @Test
  void aNoisyGateIsReportedAndItsNoiseLeftOut() {
    tester.railSim.plant().injectNoisyGate(2, 3);

    ShotReport report = shoot();

    assertThat(report.getAnomaliesList()).containsExactly(
        "NOISY_GATE: gate 2: 3 pulse(s) shorter than the deglitch width");
    assertThat(report.getExitSpeedMps()).isCloseTo(tester.railSim.plant().exitSpeedMps(), within(EXIT_TOLERANCE_MPS));
  }

  @Test
  void aDeadCoilIsReportedWithTheShortfall() {
    tester.railSim.plant().injectDeadCoil(1);

    ShotReport report = shoot();

    assertThat(report.getAnomalyDetailsList()).extracting(a -> a.getKind()).contains(Kind.KIND_COIL_NO_CURRENT,
        Kind.KIND_EXIT_SPEED_OFF);
    assertThat(report.getExitSpeedMps()).isCloseTo(tester.railSim.plant().exitSpeedMps(), within(EXIT_TOLERANCE_MPS))
        .isCloseTo(Math.sqrt(5000), within(EXIT_TOLERANCE_MPS));
  }

  @Test
  void aFifoTooSmallForTheShotIsAnOverflow() {
    tester.railSim.frontEnd().injectFifoDepth(4);

    ShotReport report = shoot();

    assertThat(report.getAnomalyDetailsList()).extracting(a -> a.getKind()).contains(Kind.KIND_FIFO_OVERFLOW);
  }

  @Test
  void aFrontEndThatStopsAnsweringMidShotEndsInATimedOutReportAndSafe() {
    tester.completed(tester.plan("sat-0100", 10, 100));
    String arm = tester.arm();
    tester.completed(tester.fire(arm));
    tester.railSim.spi().injectFault(0, 0, (mosi, miso) -> miso[miso.length - 1] ^= 0x01); // every CRC wrong

    tester.cycleUntil(() -> tester.sequencer.state() == RailState.SAFE, Duration.ofSeconds(3), "SAFE after the timeout");

    ShotReport report = tester.shots().getLast();
    assertThat(report.getAnalyzed()).isTrue();
    assertThat(report.getAnomalyDetailsList()).extracting(a -> a.getKind()).contains(Kind.KIND_RECORDS_LOST,
        Kind.KIND_SHOT_TIMEOUT, Kind.KIND_EXIT_SPEED_UNMEASURED);
    assertThat(report.getAnomaliesList()).filteredOn(a -> a.startsWith("RECORDS_LOST")).singleElement()
        .asString().contains("FIFO drain(s) failed, the first: rail-1/frontend");
    assertThat(tester.events("RAIL_HARDWARE_FAULT")).extracting(e -> e.getArgsMap().get("step"))
        .anySatisfy(step -> assertThat(step).startsWith("disarm the front-end: rail-1/frontend"));
    assertThat(tester.events("RAIL_STATE_CHANGED").getLast().getArgsMap()).containsEntry("to", "SAFE");
    // the outputs the controller drives itself are low whatever the front-end does
    assertThat(tester.rail.armOutput().active()).isFalse();
    assertThat(tester.rail.firePermit().active()).isFalse();
  }

  @Test
  void aBankThatLostItsChargeAfterArmingStopsTheFire() throws Exception {
    tester.parameters.set(RailParameters.ARM_WINDOW_S, "120", "test"); // the demo rail's rated longest
    tester.completed(tester.plan("sat-0100", 10, 100));
    String arm = tester.arm();
    // between ARM and FIRE the bank is dumped into its discharge resistor (1 ohm, 250 F: tau 250 s)
    CellStringPlant cells = tester.board.bankSim().orElseThrow().plant();
    cells.setCoil(CellStringPlant.Switch.DISCHARGE, true);
    tester.clock.advance(Duration.ofSeconds(100));

    assertThat(tester.failed(tester.fire(arm))).startsWith("rail.FIRE refused by the interlocks: bank: holds")
        .contains("the shot needs 100000 J");
    assertThat(tester.railSim.plant().energyUsedJ()).isZero();
  }
}
