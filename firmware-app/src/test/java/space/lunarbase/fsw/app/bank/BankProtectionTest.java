package space.lunarbase.fsw.app.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.bank.ContactorStatus;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Event;

/**
 * Each of bank management's protections on the simulated board, driven by the plant's physics or
 * its injected faults: it trips (event, SAFING, bank SAFE in state FAULT, charger 0, contactors
 * open), the bank refuses to charge and to leave SAFE while the condition holds, the condition
 * clears, and an operator's {@code core.SET_MODE bank NOMINAL} recovers it.
 */
class BankProtectionTest {

  @Test
  void overVoltageTripsBleedsTheOverchargedCellsDownAndRecovers(@TempDir Path data) {
    // cells that have drifted apart (capacitance 2400..3600 F), every one at 1.9 V
    try (BankTester t = BankTester.start(data, BankTester.demoPlant(0.2, 1.9))) {
      t.assertCompleted(t.setParam(BankParameters.CELL_OVERVOLTAGE_V, "2.0"));
      // an engineer charging by hand, past what the bank allows (10 A: 3 mV of ESR drop)
      t.assertCompleted(t.setMode("MAINTENANCE"));
      t.assertCompleted(t.command("bank.CLOSE_CONTACTOR").text("contactor", "MAIN"));
      t.assertCompleted(t.command("bank.SET_CHARGE_CURRENT").number("amps", 10));
      t.runUntil(s -> s.state() == BankState.FAULT, Duration.ofMinutes(2));

      Event trip = assertTripped(t, "CELL_OVERVOLTAGE");
      double threshold = Double.parseDouble(trip.getArgsMap().get("threshold"));
      assertThat(threshold).isEqualTo(2.0);
      assertThat(Double.parseDouble(trip.getArgsMap().get("value"))).isBetween(2.0, 2.01);
      assertThat(trip.getArgsMap()).containsEntry("state", "MANUAL");
      assertRefusedWhileHeld(t, "BANK_CELL_OVERVOLTAGE");

      // the cells above the clear level (1.98 V) bleed, the others do not
      t.step();
      BankTelemetry frame = t.frame();
      assertThat(frame.getState()).isEqualTo(BankTelemetry.State.STATE_FAULT);
      assertThat(frame.getFaultsList()).singleElement().asString().startsWith("BANK_CELL_OVERVOLTAGE: cell_");
      assertThat(frame.getCellsList()).filteredOn(c -> c.getVoltageV() >= 1.981).isNotEmpty()
          .allMatch(c -> c.getBleeding());
      assertThat(frame.getCellsList()).filteredOn(c -> c.getVoltageV() < 1.979).isNotEmpty()
          .noneMatch(c -> c.getBleeding());

      Duration bleedDown = t.runUntil(s -> s.state() == BankState.SAFE, Duration.ofMinutes(20));
      System.out.printf("BANK-PROTECTION CELL_OVERVOLTAGE: cleared after %s of bleed-down%n", bleedDown);
      assertCleared(t, "CELL_OVERVOLTAGE");
      assertThat(t.status().readings().highestCell().orElseThrow().volts()).isLessThan(1.98);
      assertThat(t.manager.bleeding()).doesNotContain(true);
      assertRecovers(t);
    }
  }

  @Test
  void underVoltageTripsWhenADischargeReversesAWeakCellAndRecoversWithACharge(@TempDir Path data) {
    // cell 3 has lost a fifth of its capacitance; every cell starts at 1.0 V
    List<CellStringPlant.Cell> cells = new ArrayList<>(CellStringPlant.Spec.demo(0).cells());
    cells.set(3, new CellStringPlant.Cell(2400, 0.0003, 10_000));
    CellStringPlant.Spec weak = new CellStringPlant.Spec(cells, 2.7, 10, 2, 600, 20, 32.4, 0.05, 100, 1, 1.0);
    try (BankTester t = BankTester.start(data, weak)) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      // bank management's own discharge stops before any cell goes below 0 V
      t.assertCompleted(t.command("bank.DISCHARGE").number("cell_volts", 0.0));
      t.runUntil(BankState.IDLE, Duration.ofMinutes(30));
      assertThat(t.status().reason()).startsWith("discharge ended: lowest cell at");
      assertThat(t.status().readings().lowestCell().orElseThrow().cell()).isEqualTo(3);
      assertThat(t.events("BANK_PROTECTION_TRIPPED")).isEmpty();

      // by hand, the dump resistor keeps pulling and reverses the weak cell
      t.assertCompleted(t.setMode("MAINTENANCE"));
      t.assertCompleted(t.command("bank.CLOSE_CONTACTOR").text("contactor", "DISCHARGE"));
      t.runUntil(s -> s.state() == BankState.FAULT, Duration.ofMinutes(30));

      Event trip = assertTripped(t, "CELL_UNDERVOLTAGE");
      assertThat(trip.getText()).contains("cell_04").contains("while discharging");
      assertThat(Double.parseDouble(trip.getArgsMap().get("value"))).isBetween(-0.06, -0.05);
      // the discharge contactor is open: nothing drives the cell further, so the condition goes
      t.runUntil(s -> s.state() == BankState.SAFE, Duration.ofSeconds(5));
      assertCleared(t, "CELL_UNDERVOLTAGE");
      assertThat(t.bank.readContactor(BankContactor.DISCHARGE).commandedClosed()).isFalse();
      assertRecovers(t);

      // a charge brings the reversed cell back
      t.assertCompleted(t.charge(0.5, 20));
      t.run(Duration.ofSeconds(30));
      assertThat(t.status().readings().lowestCell().orElseThrow().volts()).isPositive();
      assertThat(t.events("BANK_PROTECTION_TRIPPED")).hasSize(1);
    }
  }

  @Test
  void overTemperatureTripsOnAHotCellAndClearsFiveDegreesBelowTheLimit(@TempDir Path data) {
    try (BankTester t = BankTester.start(data)) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      AtomicReference<Double> celsius = new AtomicReference<>(20.0);
      String sensor = t.bank.readTemperatures().get(5).sensor();
      t.sim.oneWire().add(sensor, celsius::get); // the sensor on cell 5 now measures the test's temperature
      t.assertCompleted(t.charge(2.0, 50));
      t.run(Duration.ofSeconds(5));

      celsius.set(62.0);
      t.runUntil(s -> s.state() == BankState.FAULT, Duration.ofSeconds(5));
      Event trip = assertTripped(t, "CELL_OVERTEMPERATURE");
      assertThat(trip.getText()).contains(sensor).contains("cell_06").contains("62.0 degC above 60.0 degC");
      assertThat(t.events("LIMIT_RED")).as("the manager trips before the 65 degC red limit").isEmpty();
      assertRefusedWhileHeld(t, "BANK_CELL_OVERTEMPERATURE");

      celsius.set(56.0);
      t.run(Duration.ofSeconds(5));
      assertThat(t.status().state()).as("56 degC is not 5 below the limit").isEqualTo(BankState.FAULT);
      celsius.set(54.0);
      t.runUntil(s -> s.state() == BankState.SAFE, Duration.ofSeconds(5));
      assertCleared(t, "CELL_OVERTEMPERATURE");
      assertRecovers(t);
    }
  }

  @Test
  void overCurrentTripsWhenThePackCurrentExceedsItsLimit(@TempDir Path data) {
    try (BankTester t = BankTester.start(data)) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      t.assertCompleted(t.charge(2.0, 50));
      t.run(Duration.ofSeconds(3));
      assertThat(t.status().readings().pack().currentA()).isBetween(49.0, 51.0);

      t.assertCompleted(t.setParam(BankParameters.PACK_OVERCURRENT_A, "40"));
      t.runUntil(s -> s.state() == BankState.FAULT, Duration.ofSeconds(1));
      Event trip = assertTripped(t, "PACK_OVERCURRENT");
      assertThat(trip.getText()).contains("beyond 40.0 A");
      assertThat(trip.getArgsMap()).containsEntry("state", "CHARGING");

      t.runUntil(s -> s.state() == BankState.SAFE, Duration.ofSeconds(2));
      assertCleared(t, "PACK_OVERCURRENT");
      assertThat(t.status().readings().pack().currentA()).isBetween(-0.1, 0.1);
      assertRecovers(t);
      assertThat(t.assertFailed(t.charge(2.0, 50))).contains("bank.pack-overcurrent-a = 40.0 A");
    }
  }

  @Test
  void aWeldedMainContactorIsAFaultUntilRepaired(@TempDir Path data) {
    try (BankTester t = BankTester.start(data, CellStringPlant.Spec.demo(0))) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      t.assertCompleted(t.charge(1.0, 100));
      t.run(Duration.ofSeconds(2));
      t.sim.plant().injectWelded(CellStringPlant.Switch.MAIN, true);
      // the charge completes; opening the main contactor reveals the weld
      t.runUntil(s -> s.state() == BankState.FAULT, Duration.ofMinutes(5));

      Event trip = assertTripped(t, "MAIN_CONTACTOR");
      assertThat(trip.getText()).contains("main contactor WELDED (commanded open)");
      assertThat(t.transitions()).contains("BALANCING->READY", "READY->FAULT");
      assertThat(t.frame().getMainContactor().getState())
          .isEqualTo(space.lunarbase.proto.v1.ContactorTelemetry.State.STATE_WELDED);
      assertRefusedWhileHeld(t, "BANK_MAIN_CONTACTOR");
      t.run(Duration.ofSeconds(10));
      assertThat(t.status().state()).as("a weld does not go away by itself").isEqualTo(BankState.FAULT);

      t.sim.plant().injectWelded(CellStringPlant.Switch.MAIN, false); // repaired
      t.runUntil(s -> s.state() == BankState.SAFE, Duration.ofSeconds(2));
      assertCleared(t, "MAIN_CONTACTOR");
      assertRecovers(t);
      t.assertCompleted(t.charge(1.0, 100));
      t.runUntil(BankState.READY, Duration.ofMinutes(5));
    }
  }

  @Test
  void aMainContactorThatFailsToCloseIsAFaultAndNoCurrentIsCommanded(@TempDir Path data) {
    try (BankTester t = BankTester.start(data, CellStringPlant.Spec.demo(0))) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      t.sim.plant().injectFailedOpen(CellStringPlant.Switch.MAIN, true);
      t.assertCompleted(t.charge(1.0, 100));
      double setpoint = 0;
      while (t.status().state() != BankState.FAULT) {
        t.step();
        setpoint = Math.max(setpoint, t.bank.chargeCurrentSetpointA());
        assertThat(t.status().time()).isBefore(BankTester.T0.plusSeconds(5));
      }
      assertThat(setpoint).as("no current until the main contactor reads closed").isZero();
      Event trip = assertTripped(t, "MAIN_CONTACTOR");
      assertThat(trip.getText()).contains("main contactor FAILED_TO_CLOSE (commanded closed)");

      // commanded open by the safing, it agrees with its command again: the operator may retry
      t.runUntil(s -> s.state() == BankState.SAFE, Duration.ofSeconds(2));
      assertCleared(t, "MAIN_CONTACTOR");
      assertRecovers(t);
      t.sim.plant().injectFailedOpen(CellStringPlant.Switch.MAIN, false); // repaired
      t.assertCompleted(t.charge(1.0, 100));
      t.run(Duration.ofSeconds(2));
      assertThat(t.status().readings().main().status()).isEqualTo(ContactorStatus.CLOSED);
      assertThat(t.status().readings().pack().currentA()).isGreaterThan(90);
    }
  }

  @Test
  void aWeldedDischargeContactorIsSeenWhileIdle(@TempDir Path data) {
    try (BankTester t = BankTester.start(data, CellStringPlant.Spec.demo(0))) {
      t.assertCompleted(t.setMode("NOMINAL")); // the bank starts SAFE
      t.sim.plant().injectWelded(CellStringPlant.Switch.DISCHARGE, true);
      t.runUntil(s -> s.state() == BankState.FAULT, Duration.ofSeconds(2));
      assertThat(assertTripped(t, "DISCHARGE_CONTACTOR").getText()).contains("discharge contactor WELDED");
      t.sim.plant().injectWelded(CellStringPlant.Switch.DISCHARGE, false);
      t.runUntil(s -> s.state() == BankState.SAFE, Duration.ofSeconds(2));
      assertCleared(t, "DISCHARGE_CONTACTOR");
      assertRecovers(t);
    }
  }

  /** The trip event, the safing, and the bank as SAFE as the table says. */
  private static Event assertTripped(BankTester t, String protection) {
    Event trip = t.lastEvent("BANK_PROTECTION_TRIPPED", e -> protection.equals(e.getArgsMap().get("protection")));
    assertThat(trip.getArgsMap()).containsEntry("fault", "BANK_" + protection);
    assertThat(trip.getSeverity()).isEqualTo(space.lunarbase.proto.v1.Severity.SEVERITY_WARNING_HI);
    Event safing = t.lastEvent("SAFING", e -> e.getArgsMap().get("cause").startsWith("BANK_" + protection));
    assertThat(safing.getArgsMap()).containsEntry("subsystems", "bank").containsEntry("rule", "FAULT BANK_" + protection);
    assertThat(t.modes.of("bank")).contains(Mode.SAFE);
    assertThat(t.status().state()).isEqualTo(BankState.FAULT);
    assertThat(t.status().faults()).anyMatch(f -> f.startsWith("BANK_" + protection + ": "));
    assertThat(t.bank.chargeCurrentSetpointA()).isZero();
    assertThat(t.bank.readContactor(BankContactor.MAIN).commandedClosed()).isFalse();
    assertThat(t.bank.readContactor(BankContactor.DISCHARGE).commandedClosed()).isFalse();
    assertThat(t.manager.status().ready()).isFalse();
    assertThat(t.manager.status().reason()).startsWith("bank is FAULT: red condition persists: BANK_" + protection);
    return trip;
  }

  /** While the condition holds: no charge, no leaving SAFE. */
  private static void assertRefusedWhileHeld(BankTester t, String fault) {
    assertThat(t.assertRejected(t.charge(1.0, 10), Reason.REASON_ILLEGAL_IN_MODE)).contains("SAFE");
    assertThat(t.assertFailed(t.setMode("NOMINAL"))).contains("bank stays SAFE").contains(fault);
    assertThat(t.modes.of("bank")).contains(Mode.SAFE);
  }

  private static void assertCleared(BankTester t, String protection) {
    Event cleared = t.lastEvent("BANK_PROTECTION_CLEARED", e -> protection.equals(e.getArgsMap().get("protection")));
    assertThat(cleared.getText()).endsWith("the bank stays SAFE until an operator sets it NOMINAL");
    assertThat(t.status().state()).isEqualTo(BankState.SAFE);
    assertThat(t.status().faults()).isEmpty();
    assertThat(t.modes.of("bank")).contains(Mode.SAFE);
  }

  /** The operator's recovery: NOMINAL, and the bank is IDLE with nothing switched on. */
  private static void assertRecovers(BankTester t) {
    t.assertCompleted(t.setMode("NOMINAL"));
    t.step();
    assertThat(t.status().state()).isEqualTo(BankState.IDLE);
    assertThat(t.transitions()).endsWith("FAULT->SAFE", "SAFE->IDLE");
    assertThat(t.bank.readContactor(BankContactor.MAIN).commandedClosed()).as("recovery closes nothing").isFalse();
  }
}
