package space.lunarbase.hil.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.hil.rig.Args;
import space.lunarbase.hil.rig.EventMatch;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.Event;

/**
 * Scenario 2, its over-temperature half with today's flight core: while the bank charges at 20 A a
 * cell's thermometer reads 80 degC. The red limit, the safing and the mode change come out as
 * events; the plant's main contactor opens and the charger stops; recovery is refused while the
 * cell is hot (and charging is illegal in SAFE), and allowed once it reads normal again. The charge
 * and balance half is {@code ChargeAndBalanceScenarioTest}.
 */
class OverTemperatureScenarioTest {

  @RegisterExtension
  final Scenario scenario = Scenario.of("2", "Bank over-temperature: safed, then recovered",
      "A cell thermometer reads 80 degC during a 20 A charge (red limit 65 degC); the bank is safed and recovers"
          + " once the reading is normal again.");

  @Test
  void anOverheatedCellSafesTheBankAndRecoveryWaitsForItToCool() {
    Rig rig = scenario.start(RigOptions.defaults().with("--lunarbase.limits.period=200ms"));
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "bank", "mode", "NOMINAL"), Status.STATUS_COMPLETED);
    rig.sendAndAwaitAck("bank.CHARGE", Args.of("cell_volts", 2.5, "amps", 20.0), Status.STATUS_COMPLETED);
    rig.awaitPlant(p -> p.path("bank").path("mainClosed").asBoolean() && p.path("bank").path("chargerDuty").asDouble() > 0,
        "charging", Rig.TIMEOUT);

    Mark hot = rig.mark();
    long heatedAt = System.nanoTime();
    rig.injectFault("bank.temperature", "sensor", 0, "celsius", 80.0);
    Event red = rig.awaitEvent(hot, EventMatch.named("LIMIT_RED"),
        e -> "bank.temperature_00".equals(e.getArgsMap().get("channel")), Rig.TIMEOUT);
    rig.awaitEvent(hot, EventMatch.named("SAFING"), e -> e.getArgsMap().getOrDefault("subsystems", "").contains("bank"),
        Rig.TIMEOUT);
    rig.awaitEvent(hot, EventMatch.named("MODE_CHANGED"), e -> "bank".equals(e.getArgsMap().get("subsystem"))
        && "SAFE".equals(e.getArgsMap().get("to")), Rig.TIMEOUT);
    rig.awaitPlant(p -> !p.path("bank").path("mainCoil").asBoolean() && !p.path("bank").path("mainClosed").asBoolean()
        && p.path("bank").path("chargerDuty").asDouble() == 0, "main contactor open, charger off", Rig.TIMEOUT);
    double safedAfter = (System.nanoTime() - heatedAt) / 1e9;
    assertThat(red.getArgsMap()).containsEntry("value", "80.0").containsEntry("limit", "65.0");

    var refused = rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "bank", "mode", "NOMINAL"),
        Status.STATUS_FAILED);
    assertThat(refused.last().getText()).contains("bank stays SAFE").contains("bank.temperature_00");
    var illegal = rig.sendAndAwaitAck("bank.CHARGE", Args.of("cell_volts", 2.5, "amps", 20.0), Status.STATUS_REJECTED);
    assertThat(illegal.last().getReason()).isEqualTo(Reason.REASON_ILLEGAL_IN_MODE);

    Mark cooled = rig.mark();
    rig.clearFaults();
    rig.awaitEvent(cooled, EventMatch.named("LIMIT_IN_LIMITS"),
        e -> "bank.temperature_00".equals(e.getArgsMap().get("channel")), Rig.TIMEOUT);
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "bank", "mode", "NOMINAL"), Status.STATUS_COMPLETED);
    assertThat(rig.plantTruth().path("bank").path("mainClosed").asBoolean()).as("recovery closes nothing").isFalse();

    rig.figure("fault injected to contactor open and charger off (real time)", "%.2f s".formatted(safedAfter));
    rig.figure("limit monitor period / persistence", "200 ms / 3 samples");
    rig.note("The thermometer is made to read 80 degC through the control channel (bank.temperature); the plant's own"
        + " heating reaches the firmware only when the simulated board rewrites its 1-Wire files (see firmware-app"
        + " README, simulation control channel).");
  }
}
