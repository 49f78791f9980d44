package space.lunarbase.fsw.core.fdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.health.SubsystemHealth;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.sim.SimOneWireBus;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * A cell overheats on the simulated board while the bank charges: the red limit, the safing and
 * the mode change come out on {@code evt} over a real broker, the bank is safe as read through the
 * board, and recovery is refused while the cell is hot and allowed once it has cooled. Bank
 * management's own over-temperature protection is set to 80 degC here, so this shows the limit
 * monitor's red limit (65 degC), the backstop, on its own.
 */
class BankSafingTest {

  static MosquittoBroker broker;
  static CommandTester tester;

  @BeforeAll
  static void start(@TempDir Path data) {
    broker = MosquittoBroker.start();
    tester = CommandTester.start(data, broker.url(), Map.of("lunarbase.limits.period", "100ms",
        "lunarbase.parameters.bank.cell-overtemperature-c", 80), 1);
  }

  @AfterAll
  static void stop() {
    tester.close();
    broker.close();
  }

  @Test
  void anOverheatedCellSafesTheBankAndRecoveryWaitsUntilItHasCooled() {
    SimulatedBoard board = (SimulatedBoard) tester.firmware().getBean(Board.class);
    CellBank bank = board.cellBank().orElseThrow();
    Modes modes = tester.firmware().getBean(Modes.class);
    SimOneWireBus oneWire = board.bankSim().orElseThrow().oneWire();
    String sensor = bank.readTemperatures().getFirst().sensor();
    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "NOMINAL"));
    tester.assertCompleted(tester.command("bank.CHARGE").number("cell_volts", 2.0).number("amps", 10));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(bank.readContactor(BankContactor.MAIN).commandedClosed()).as("charging").isTrue();
      assertThat(bank.chargeCurrentSetpointA()).isPositive();
    });

    AtomicReference<Double> celsius = new AtomicReference<>(80.0);
    oneWire.add(sensor, celsius::get); // the sensor on cell 0 now measures the test's temperature

    Event red = tester.awaitEvent("LIMIT_RED", e -> "bank.temperature_00".equals(e.getArgsMap().get("channel")));
    assertThat(red.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
    assertThat(red.getArgsMap()).containsEntry("value", "80.0").containsEntry("limit", "65.0");
    Event safing = tester.awaitEvent("SAFING", e -> e.getArgsMap().get("cause").contains("bank.temperature_00"));
    assertThat(safing.getArgsMap()).containsEntry("subsystems", "bank");
    Event mode = tester.awaitEvent("MODE_CHANGED", e -> "bank".equals(e.getArgsMap().get("subsystem"))
        && "SAFE".equals(e.getArgsMap().get("to")));
    assertThat(mode.getArgsMap()).containsEntry("to", "SAFE");
    assertThat(mode.getArgsMap().get("cause")).contains("safing").contains("bank.temperature_00");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(bank.readContactor(BankContactor.MAIN).commandedClosed()).isFalse();
      assertThat(bank.chargeCurrentSetpointA()).isZero();
    });
    assertThat(modes.of("bank")).contains(Mode.SAFE);
    SubsystemHealth health = tester.firmware().getBean(SubsystemHealth.class);
    assertThat(health.report("bank").status()).as("red and held SAFE").isEqualTo(SubsystemHealth.ALARM);
    assertThat(health.report("bank").details()).containsEntry("red", java.util.List.of("bank.temperature_00"))
        .containsEntry("redConditions", java.util.List.of("bank.temperature_00"));

    var refused = tester.send(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "NOMINAL"));
    assertThat(refused).extracting(CommandAck::getStatus).containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_FAILED);
    assertThat(refused.getLast().getText()).contains("bank stays SAFE").contains("bank.temperature_00");
    assertThat(modes.of("bank")).contains(Mode.SAFE);

    celsius.set(20.0);
    oneWire.refresh(); // as the kernel rewrites w1_slave on the next conversion
    tester.awaitEvent("LIMIT_IN_LIMITS", e -> "bank.temperature_00".equals(e.getArgsMap().get("channel")));
    await("cooled, still SAFE until recovered").atMost(Duration.ofSeconds(5))
        .until(() -> health.report("bank").status() == SubsystemHealth.SAFED);
    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "NOMINAL"));
    assertThat(modes.of("bank")).contains(Mode.NOMINAL);
    assertThat(health.report("bank").status().getName()).isEqualTo("UP");
    assertThat(bank.readContactor(BankContactor.MAIN).commandedClosed()).as("recovery closes nothing").isFalse();
  }
}
