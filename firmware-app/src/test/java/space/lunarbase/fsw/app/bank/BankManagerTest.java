package space.lunarbase.fsw.app.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import space.lunarbase.fsw.core.time.ClockScripts;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.ContactorTelemetry;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;

/**
 * Bank management on the simulated demo board, on a manual clock (an hour of bank time in
 * seconds): a charge converges and balances from the plant's 2 % capacitance spread, readiness
 * and telemetry follow the state, commands are refused with reasons in the wrong mode or state.
 * The protections are in {@link BankProtectionTest}.
 */
class BankManagerTest {

  static final double TARGET = 2.5;

  @ParameterizedTest(name = "at {0} A")
  @ValueSource(doubles = {100, 10})
  void aChargeConvergesToTheTargetWithNoCellAboveItAndBalancingLevelsTheCells(double amps, @TempDir Path data) {
    try (BankTester t = BankTester.start(data)) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      Instant start = t.now();
      long realStart = System.nanoTime();
      String done = t.assertCompleted(t.charge(TARGET, amps));
      assertThat(done).startsWith("charge to 2.500 V per cell at up to " + amps + " A");
      assertThat(t.status().state()).isEqualTo(BankState.CHARGING);

      double highestSeen = 0;
      double highestInternal = 0;
      double spreadAtBalancing = Double.NaN;
      Duration toBalancing = null;
      while (t.status().state() != BankState.READY) {
        assertThat(Duration.between(start, t.now())).as(t.status().reason()).isLessThan(Duration.ofHours(1));
        t.step();
        highestSeen = Math.max(highestSeen, t.status().readings().highestCell().orElseThrow().volts());
        for (int i = 0; i < t.sim.plant().cells(); i++) {
          highestInternal = Math.max(highestInternal, t.sim.plant().cellInternalVoltage(i));
        }
        if (toBalancing == null && t.status().state() == BankState.BALANCING) {
          toBalancing = Duration.between(start, t.now());
          spreadAtBalancing = t.status().readings().spreadV();
        }
      }
      Duration toReady = Duration.between(start, t.now());
      BankStatus ready = t.status();
      double lowest = ready.readings().lowestCell().orElseThrow().volts();
      double highest = ready.readings().highestCell().orElseThrow().volts();
      double worst = Math.max(TARGET - lowest, highest - TARGET);
      System.out.printf("BANK-CONVERGENCE %.0f A: bulk to BALANCING %s (spread %.1f mV from the 2 %% capacitance"
              + " spread), READY after %s (balancing %s), final cells %.4f..%.4f V (spread %.1f mV, worst %.1f mV"
              + " from the %.3f V target), highest cell ever %.4f V read / %.4f V internal; real time %d ms%n", amps,
          toBalancing, spreadAtBalancing * 1e3, toReady, toReady.minus(toBalancing), lowest, highest,
          (highest - lowest) * 1e3, worst * 1e3, TARGET, highestSeen, highestInternal,
          (System.nanoTime() - realStart) / 1_000_000);

      assertThat(t.transitions()).containsExactly("SAFE->IDLE", "IDLE->CHARGING", "CHARGING->BALANCING",
          "BALANCING->READY");
      assertThat(spreadAtBalancing).as("the capacitance spread shows at the end of the bulk").isGreaterThan(0.04);
      assertThat(worst).as("every cell within the 10 mV band of the target").isLessThanOrEqualTo(0.010);
      assertThat(highestSeen).as("no cell past the target by more than a millivolt").isLessThan(TARGET + 0.001);
      assertThat(highestInternal).isLessThan(TARGET + 0.001);
      assertThat(t.limitEvents()).as("no red or yellow limit while charging").isEmpty();
      assertThat(t.bank.chargeCurrentSetpointA()).isZero();
      assertThat(t.bank.readContactor(BankContactor.MAIN).commandedClosed()).isFalse();
      assertThat(t.manager.bleeding()).doesNotContain(true);
    }
  }

  @Test
  void readyAnswersTheRailWithTheEnergyAboveTheMinimumUsefulVoltageAndTelemetryShowsIt(@TempDir Path data) {
    try (BankTester t = BankTester.start(data, CellStringPlant.Spec.demo(0))) {
      t.step();
      assertThat(t.manager.status().reason()).startsWith("bank is SAFE: bank mode is SAFE");
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      t.step();
      assertThat(t.manager.status().ready()).isFalse();
      assertThat(t.manager.status().reason()).startsWith("bank is IDLE");
      assertThat(t.manager.status().availableEnergyJ()).isZero();

      t.assertCompleted(t.charge(TARGET, 100));
      t.run(Duration.ofSeconds(50));
      ShotReadiness.Status charging = t.manager.status();
      assertThat(charging.ready()).isFalse();
      assertThat(charging.reason()).startsWith("bank is CHARGING: charge to 2.500 V per cell");
      assertThat(charging.availableEnergyJ()).isPositive();

      t.runUntil(BankState.READY, Duration.ofMinutes(10));
      t.step(); // the contactor opened on entering READY is read open by the next cycle
      ShotReadiness.Status ready = t.manager.status();
      double c = 3000;
      double lowest = t.status().readings().lowestCell().orElseThrow().volts();
      double highest = t.status().readings().highestCell().orElseThrow().volts();
      assertThat(ready.ready()).isTrue();
      assertThat(ready.reason()).isEmpty();
      assertThat(ready.availableEnergyJ()).isBetween(12 * 0.5 * c * (lowest * lowest - 1.35 * 1.35),
          12 * 0.5 * c * (highest * highest - 1.35 * 1.35));

      BankTelemetry frame = t.frame();
      assertThat(frame.getState()).isEqualTo(BankTelemetry.State.STATE_READY);
      assertThat(frame.getReady()).isTrue();
      assertThat(frame.getMode()).isEqualTo(space.lunarbase.proto.v1.Mode.MODE_NOMINAL);
      assertThat(frame.getCellsCount()).isEqualTo(12);
      assertThat(frame.getCells(0).getIndex()).isEqualTo(1);
      assertThat(frame.getCells(0).getEnergyJ()).isCloseTo(0.5 * c * frame.getCells(0).getVoltageV()
          * frame.getCells(0).getVoltageV(), within(1e-6));
      assertThat(frame.getEnergyJ()).isCloseTo(12 * 0.5 * c * TARGET * TARGET, within(12 * 0.5 * c * 0.05));
      assertThat(frame.getStateOfCharge()).isCloseTo(TARGET * TARGET / (2.7 * 2.7), within(0.01));
      assertThat(frame.getAvailableEnergyJ()).isEqualTo(ready.availableEnergyJ());
      assertThat(frame.getTargetCellV()).isEqualTo(TARGET);
      assertThat(frame.getCellSpreadV()).isBetween(0.0, 0.010);
      assertThat(frame.getTemperaturesCount()).isEqualTo(12);
      assertThat(frame.getTemperatures(3).getLocation()).isEqualTo("cell-4/28-0000000000a3");
      assertThat(frame.getMainContactor().getState()).isEqualTo(ContactorTelemetry.State.STATE_OPEN);
      assertThat(frame.getChargeSetpointA()).isZero();
      assertThat(frame.getFaultsList()).isEmpty();

      // a stopped control loop is not a ready bank
      t.clock.advance(Duration.ofSeconds(1));
      assertThat(t.manager.status().ready()).isFalse();
      assertThat(t.manager.status().reason()).startsWith("bank status is stale");
      t.step();
      assertThat(t.manager.status().ready()).isTrue();

      // discharging, then idle again: not ready
      String discharging = t.assertCompleted(t.command("bank.DISCHARGE").number("cell_volts", 2.0));
      assertThat(discharging).startsWith("discharge to 2.000 V per cell");
      t.run(Duration.ofMillis(300));
      assertThat(t.manager.status().reason()).startsWith("bank is DISCHARGING");
      assertThat(t.status().readings().pack().currentA()).as("through the 1 ohm dump resistor").isLessThan(-20);
      assertThat(t.frame().getDischargeContactor().getState()).isEqualTo(ContactorTelemetry.State.STATE_CLOSED);
      t.runUntil(BankState.IDLE, Duration.ofMinutes(10));
      assertThat(t.status().readings().highestCell().orElseThrow().volts()).isBetween(1.98, 2.0);
      assertThat(t.manager.status().reason()).startsWith("bank is IDLE: discharged");
      assertThat(t.transitions()).endsWith("READY->DISCHARGING", "DISCHARGING->IDLE");
    }
  }

  @Test
  void maintenanceSuspendsTheControlAndSafeIsNotReady(@TempDir Path data) {
    try (BankTester t = BankTester.start(data, CellStringPlant.Spec.demo(0))) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      t.assertCompleted(t.charge(1.0, 100));
      t.run(Duration.ofSeconds(2));
      assertThat(t.status().readings().pack().currentA()).isGreaterThan(90);

      t.assertCompleted(t.setMode("MAINTENANCE"));
      t.step();
      assertThat(t.status().state()).isEqualTo(BankState.MANUAL);
      assertThat(t.manager.status().reason()).startsWith("bank is MANUAL");
      assertThat(t.bank.chargeCurrentSetpointA()).as("the charge stops when the engineer takes over").isZero();
      assertThat(t.assertRejected(t.charge(1.0, 10), Reason.REASON_ILLEGAL_IN_MODE)).contains("MAINTENANCE");

      assertThat(t.assertCompleted(t.command("bank.CLOSE_CONTACTOR").text("contactor", "MAIN")))
          .isEqualTo("MAIN contactor commanded closed");
      assertThat(t.assertCompleted(t.command("bank.SET_CHARGE_CURRENT").number("amps", 20)))
          .isEqualTo("charge setpoint 20.0 A");
      t.run(Duration.ofSeconds(1));
      assertThat(t.status().readings().pack().currentA()).as("the manager leaves the engineer's outputs").isBetween(19.0, 21.0);
      assertThat(t.assertCompleted(t.command("bank.STOP"))).startsWith("stopped (was MANUAL)");
      t.step();
      assertThat(t.status().readings().pack().currentA()).isCloseTo(0, within(0.1));

      t.assertCompleted(t.setMode("SAFE"));
      t.step();
      assertThat(t.status().state()).isEqualTo(BankState.SAFE);
      assertThat(t.manager.status().ready()).isFalse();
      assertThat(t.manager.status().reason()).startsWith("bank is SAFE: bank mode is SAFE");
      t.assertCompleted(t.setMode("NOMINAL"));
      t.step();
      assertThat(t.transitions()).endsWith("CHARGING->MANUAL", "MANUAL->SAFE", "SAFE->IDLE");
    }
  }

  @Test
  void commandsAreRefusedWithAReasonInTheWrongModeOrState(@TempDir Path data) {
    try (BankTester t = BankTester.start(data, BankTester.demoPlant(0, 1.0))) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      // declarations: ranges and modes
      assertThat(t.assertRejected(t.charge(2.8, 10), Reason.REASON_OUT_OF_RANGE)).contains("cell_volts must be 0.5..2.7");
      assertThat(t.assertRejected(t.charge(2.0, 0), Reason.REASON_OUT_OF_RANGE)).contains("amps must be 1.0..100.0");
      assertThat(t.assertRejected(t.command("bank.SET_CHARGE_CURRENT").number("amps", 5), Reason.REASON_ILLEGAL_IN_MODE))
          .contains("NOMINAL");
      assertThat(t.assertRejected(t.command("bank.CLOSE_CONTACTOR").text("contactor", "MAIN"),
          Reason.REASON_ILLEGAL_IN_MODE)).isNotBlank();
      assertThat(t.assertRejected(t.command("bank.CLOSE_CONTACTOR").text("contactor", "RAIL"),
          Reason.REASON_BAD_ARGUMENT)).contains("MAIN");

      // parameters
      t.assertCompleted(t.setParam(BankParameters.CHARGE_CURRENT_LIMIT_A, "30"));
      assertThat(t.assertFailed(t.charge(2.0, 50))).isEqualTo("50.0 A is above bank.charge-current-limit-a = 30.0 A");
      t.assertCompleted(t.setParam(BankParameters.PACK_OVERCURRENT_A, "25"));
      assertThat(t.assertFailed(t.charge(2.0, 25))).isEqualTo("25.0 A is not below bank.pack-overcurrent-a = 25.0 A");
      t.assertCompleted(t.setParam(BankParameters.CELL_OVERVOLTAGE_V, "2.5"));
      assertThat(t.assertFailed(t.charge(2.49, 10)))
          .isEqualTo("target 2.490 V is not 20 mV below bank.cell-overvoltage-v = 2.500 V");

      // state: charging refuses a discharge, discharging refuses a charge
      t.assertCompleted(t.charge(2.0, 20));
      t.run(Duration.ofSeconds(5));
      assertThat(t.assertFailed(t.command("bank.DISCHARGE").number("cell_volts", 0.2)))
          .isEqualTo("the bank is CHARGING: send bank.STOP first");
      assertThat(t.assertCompleted(t.command("bank.STOP"))).startsWith("stopped (was CHARGING)");
      t.step();
      assertThat(t.status().state()).isEqualTo(BankState.IDLE);
      assertThat(t.bank.chargeCurrentSetpointA()).isZero();
      double highest = t.status().readings().highestCell().orElseThrow().volts();
      assertThat(t.assertFailed(t.charge(0.5, 10))).isEqualTo(
          "highest cell at %.4f V is above the 0.500 V target: bank.DISCHARGE to it first".formatted(highest));
      t.assertCompleted(t.command("bank.DISCHARGE").number("cell_volts", 0.01));
      t.step();
      assertThat(t.assertFailed(t.charge(1.0, 10))).isEqualTo("the bank is DISCHARGING: send bank.STOP first");
      assertThat(t.assertCompleted(t.command("bank.OPEN_CONTACTORS"))).isEqualTo("contactors commanded open");
      t.step();
      assertThat(t.status().state()).isEqualTo(BankState.IDLE);
      assertThat(t.bank.readContactor(BankContactor.DISCHARGE).commandedClosed()).isFalse();
      assertThat(t.lastEvent("BANK_STATE_CHANGED", e -> true).getArgsMap().get("cause"))
          .startsWith("contactors opened by command bank.OPEN_CONTACTORS");

      // a cell that cannot be read: no charge
      t.sim.adc(1).injectNack(true);
      t.step();
      assertThat(t.assertFailed(t.charge(1.0, 10))).startsWith("cell_05 is FAILED: ");
      t.sim.adc(1).injectNack(false);
      t.step();
      t.assertCompleted(t.charge(2.0, 10));
    }
  }

  @Test
  void aChargeWaitsForASynchronisedClock(@TempDir Path data) throws Exception {
    ClockScripts clock = new ClockScripts(java.nio.file.Files.createDirectories(data.resolve("bin"))).timedatectl("no");
    try (BankTester t = BankTester.start(data.resolve("controller"), CellStringPlant.Spec.demo(0), clock.source())) {
      t.assertCompleted(t.setMode("NOMINAL"));
      assertThat(t.assertRejected(t.charge(2.0, 50), Reason.REASON_CLOCK_NOT_SYNCHRONISED))
          .startsWith("bank.CHARGE is time-critical and the controller's clock is not synchronised");
      t.run(Duration.ofSeconds(1));
      assertThat(t.status().state()).isNotEqualTo(BankState.CHARGING);
      assertThat(t.bank.chargeCurrentSetpointA()).isZero();
      t.assertCompleted(t.command("bank.OPEN_CONTACTORS"));
    }
  }

  @Test
  void aCellReadingGoingBadStopsTheChargeWithAWarning(@TempDir Path data) {
    try (BankTester t = BankTester.start(data, CellStringPlant.Spec.demo(0))) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      t.assertCompleted(t.charge(2.0, 50));
      t.run(Duration.ofSeconds(3));
      t.sim.adc(2).injectNack(true);
      t.step();

      assertThat(t.status().state()).isEqualTo(BankState.IDLE);
      Event bad = t.lastEvent("BANK_READINGS_BAD", e -> true);
      assertThat(bad.getText()).startsWith("cell_09 is FAILED").endsWith("charge stopped");
      assertThat(t.bank.chargeCurrentSetpointA()).isZero();
      assertThat(t.bank.readContactor(BankContactor.MAIN).commandedClosed()).isFalse();
      assertThat(t.manager.status().ready()).isFalse();
    }
  }

  @Test
  void aChargerThatDeliversNothingStopsTheChargeAfterThreeSecondsWithAWarning(@TempDir Path data) {
    try (BankTester t = BankTester.start(data, CellStringPlant.Spec.demo(0))) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      t.assertCompleted(t.charge(2.0, 50));
      t.run(Duration.ofSeconds(2));
      assertThat(t.status().readings().pack().currentA()).as("delivering").isGreaterThan(40);
      t.sim.plant().injectChargerDead(true);
      Instant dead = t.now();

      Duration stoppedAfter = t.runUntil(BankState.IDLE, Duration.ofSeconds(10));
      assertThat(stoppedAfter).as("stopped after the 3 s allowed, within a second")
          .isBetween(BankManager.CHARGER_TIMEOUT, BankManager.CHARGER_TIMEOUT.plusSeconds(1));
      Event stop = t.lastEvent("BANK_CHARGER_NOT_DELIVERING", e -> true);
      assertThat(stop.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
      assertThat(stop.getText()).startsWith("charger not delivering: ordered 50.0 A, measured 0.0 A")
          .endsWith("charge stopped");
      assertThat(t.argsOf(stop)).containsEntry("ordered_a", "50.0").containsEntry("state", "CHARGING");
      assertThat(t.status().reason()).isEqualTo(stop.getText());
      assertThat(t.bank.chargeCurrentSetpointA()).isZero();
      assertThat(t.bank.readContactor(BankContactor.MAIN).commandedClosed()).isFalse();
      assertThat(Duration.between(dead, t.now())).isGreaterThanOrEqualTo(BankManager.CHARGER_TIMEOUT);

      // mended, a new charge runs
      t.sim.plant().injectChargerDead(false);
      t.assertCompleted(t.charge(2.0, 50));
      t.run(Duration.ofSeconds(5));
      assertThat(t.status().state()).isEqualTo(BankState.CHARGING);
      assertThat(t.events("BANK_CHARGER_NOT_DELIVERING")).hasSize(1);
    }
  }
}
