package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.app.bank.ShotReadiness;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.hal.sim.SimulatedRail;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.ShotAnomaly.Kind;
import space.lunarbase.proto.v1.ShotReport;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * Shots on the simulated board through the whole firmware: signed commands in over a real
 * Mosquitto, acks, events and {@code tlm/shot} out. The bank manager charges the bank on command
 * ({@code bank.CHARGE} to 2.4 V a cell, balance band widened to 0.2 V so READY follows the bulk
 * charge), the rail's coils draw from it, the bank manager's {@code ShotReadiness} answers the
 * ARM interlock, and the simulation clock is stepped by the test (rate 0), so the sequence's rate group
 * runs on simulated time. Each shot is 10 kg to 70 m/s: one 50 kJ stage, 70.711 m/s by plan.
 */
class RailShotTest {

  /** The exit speed from the gates must be this close to the plant's true one. */
  static final double EXIT_TOLERANCE_MPS = 0.01;
  static final Duration STEP = Duration.ofMillis(10);
  static final String SHOT = Firmware.topic("tlm/shot");

  static MosquittoBroker broker;
  static CommandTester tester;
  static SimClock clock;
  static SimulatedBoard board;
  static SimulatedRail railSim;
  static RailSequencer sequencer;

  @BeforeAll
  static void start(@TempDir Path data) {
    broker = MosquittoBroker.start();
    tester = CommandTester.start(data, broker.url(), Map.of("lunarbase.commands.rate-burst", 1000,
        "lunarbase.parameters.bank.balance-band-v", 0.2), 1);
    clock = tester.firmware().getBean(SimClock.class);
    clock.setRate(0); // from here the test moves time
    board = (SimulatedBoard) tester.firmware().getBean(Board.class);
    railSim = board.railSim().orElseThrow();
    sequencer = tester.firmware().getBean(RailSequencing.class).sequencer().orElseThrow();
    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "rail").text("mode", "NOMINAL"));
    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "NOMINAL"));
    tester.assertCompleted(tester.command("bank.CHARGE").number("cell_volts", 2.4).number("amps", 90));
  }

  @AfterAll
  static void stop() {
    tester.close();
    broker.close();
  }

  /**
   * A new sled at the breech, no faults, and the bank READY: charged to its target by the bank
   * manager (again after each shot, which drops the cells more than two bands below it).
   */
  @BeforeEach
  void loadAndCharge() {
    railSim.plant().clearFaults();
    railSim.plant().loadSled();
    ShotReadiness bank = tester.firmware().getBean(ShotReadiness.class);
    await("bank READY").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
        .until(() -> {
          if (bank.status().ready()) {
            return true;
          }
          clock.advance(Duration.ofMillis(250));
          return false;
        });
  }

  /** Steps the clock by 10 ms each poll until {@code done}. */
  static void stepUntil(BooleanSupplier done, String what) {
    await(what).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
        .until(() -> {
          if (done.getAsBoolean()) {
            return true;
          }
          clock.advance(STEP);
          return false;
        });
  }

  /** PLAN_SHOT, ARM, FIRE over the broker; waits for the analysed report on tlm/shot and returns it. */
  static ShotReport shoot(String payload) {
    String planned = tester.assertCompleted(tester.command("rail.PLAN_SHOT").text("payload_id", payload)
        .number("mass_kg", 10).number("exit_speed_mps", 70)).getText();
    assertThat(planned).isEqualTo(payload + ": 10.000 kg to 70.0 m/s: 1 of 8 stages, planned exit 70.711 m/s,"
        + " needs 50000 J from the bank");
    String token = RailTester.tokenIn(tester.assertCompleted(tester.command("rail.ARM")).getText());
    stepUntil(() -> sequencer.state() == RailState.ARMED, "ARMED");
    long arm = sequencer.arm();
    tester.assertRejected(tester.command("rail.FIRE").text("arm", token), Reason.REASON_WRONG_ROLE);
    String fired = tester.assertCompleted(tester.command("rail.FIRE").text("arm", token).key(TestKeys.RANGE_SAFETY))
        .getText();
    assertThat(fired).isEqualTo("fired arm " + arm + ": " + payload + ", 1 stage");
    stepUntil(() -> sequencer.state() == RailState.SAFE, "the shot analysed");
    long leftAt = clock.instant().toEpochMilli();
    stepUntil(() -> clock.instant().toEpochMilli() - leftAt >= 200, "the sled out of the rail");
    return shot(tester.recorder().awaitMatch(SHOT, m -> {
      ShotReport r = shot(m.payload());
      return r.getPayloadId().equals(payload) && r.getAnalyzed();
    }, Duration.ofSeconds(10)).payload());
  }

  @Test
  void aFullShotThroughTheFirmwareMeasuresTheExitSpeedTheSledReallyHad() {
    double usedBefore = railSim.plant().energyUsedJ();

    ShotReport report = shoot("sat-1000");

    double truth = railSim.plant().exitSpeedMps();
    double error = report.getExitSpeedMps() - truth;
    System.out.printf(Locale.ROOT, "RAIL-SHOT firmware: exit %.9f m/s, plant %.9f m/s, error %.3e m/s (%.3e %%);"
        + " energy used %.1f J by the bank's readings, %.1f J drawn by the coils%n", report.getExitSpeedMps(), truth,
        error, 100 * error / truth, report.getEnergyUsedJ(), railSim.plant().energyUsedJ() - usedBefore);
    assertThat(truth).isCloseTo(Math.sqrt(5000), within(1e-6));
    assertThat(report.hasExitSpeedMps()).isTrue();
    assertThat(report.getExitSpeedMps()).isCloseTo(truth, within(EXIT_TOLERANCE_MPS));
    assertThat(report.getAnomaliesList()).isEmpty();
    assertThat(report.getPlannedExitSpeedMps()).isCloseTo(Math.sqrt(5000), within(1e-9));
    assertThat(report.getGatesCount()).isEqualTo(8);
    assertThat(report.getSegmentSpeedMpsList()).hasSize(7)
        .allSatisfy(v -> assertThat(v).isCloseTo(truth, within(EXIT_TOLERANCE_MPS)));
    assertThat(railSim.plant().energyUsedJ() - usedBefore).isCloseTo(50_000, within(1e-6));
    // the bank manager starts recharging as soon as the shot has drained the cells, so the plant's
    // energy after the shot is not compared here (hal's CellStringPlant tests cover the draw itself)
    // energy used = the bank's energy at arm minus at analysis: the bank manager recharges from the
    // moment the shot drains the cells, so the figure is low by what the charger adds meanwhile
    // (about 3 kJ at 90 A here; bench/README.md, "Shot analysis")
    assertThat(report.getEnergyUsedJ()).isBetween(0.9 * 50_000, 1.02 * 50_000);

    List<String> transitions = events("RAIL_STATE_CHANGED").stream()
        .filter(e -> "sat-1000".equals(e.getArgsMap().get("payload"))).map(e -> e.getArgsMap().get("to")).toList();
    assertThat(transitions).containsExactly("ARMING", "ARMED", "FIRE", "ANALYZE", "SAFE");
    assertThat(tester.awaitEvent("SHOT_ANALYZED", e -> "sat-1000".equals(e.getArgsMap().get("payload"))).getText())
        .startsWith("sat-1000: exit 70.711 m/s (plan 70.711 m/s), 0 anomalies");
    assertThat(railSim.rail().armOutput().active()).isFalse();
    assertThat(railSim.rail().readFrontEnd().status().armed()).isFalse();
  }

  @Test
  void aDeadGateIsReportedAsAMissingGate() {
    railSim.plant().injectDeadGate(3);

    ShotReport report = shoot("sat-1001");

    assertThat(report.getAnomalyDetailsList()).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo(Kind.KIND_MISSING_GATE);
      assertThat(a.getGate()).isEqualTo(3);
    });
    assertThat(report.getExitSpeedMps()).isCloseTo(railSim.plant().exitSpeedMps(), within(EXIT_TOLERANCE_MPS));
    Event anomaly = tester.awaitEvent("SHOT_ANOMALY", e -> "sat-1001".equals(e.getArgsMap().get("payload")));
    assertThat(anomaly.getArgsMap()).containsEntry("kind", "MISSING_GATE").containsEntry("gate", "3");
    assertThat(anomaly.getText()).isEqualTo("sat-1001: MISSING_GATE: gate 3 (35.00 m) reported no crossing");
  }

  @Test
  void aNoisyGateIsReportedAndItsPulsesLeftOut() {
    railSim.plant().injectNoisyGate(5, 4);

    ShotReport report = shoot("sat-1002");

    assertThat(report.getAnomaliesList()).containsExactly(
        "NOISY_GATE: gate 5: 4 pulse(s) shorter than the deglitch width");
    assertThat(report.getGatesCount()).isEqualTo(8);
    assertThat(report.getExitSpeedMps()).isCloseTo(railSim.plant().exitSpeedMps(), within(EXIT_TOLERANCE_MPS));
    assertThat(tester.awaitEvent("SHOT_ANOMALY", e -> "sat-1002".equals(e.getArgsMap().get("payload")))
        .getArgsMap()).containsEntry("kind", "NOISY_GATE").containsEntry("gate", "5");
  }

  private static List<Event> events(String name) {
    return tester.recorder().on(CommandTester.EVT).stream().map(m -> {
      try {
        return Event.parseFrom(m.payload());
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }).filter(e -> e.getName().equals(name)).toList();
  }

  private static ShotReport shot(byte[] payload) {
    try {
      return TelemetryFrame.parseFrom(payload).getShot();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
