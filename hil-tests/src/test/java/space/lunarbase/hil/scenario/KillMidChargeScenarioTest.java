package space.lunarbase.hil.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.hil.rig.Args;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.ContactorTelemetry;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Mode;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Scenario 5: the bank controller is killed with SIGKILL while it charges the bank at 20 A. The
 * broker publishes its death (the last will) at once; the restarted controller counts a new boot;
 * and the bank must come up safe (SAFE mode, contactors open, no charge current, by its own
 * telemetry and by the plant's truth).
 * The bank starts SAFE at every start (core.mode.Modes): a restart never resumes charging.
 */
class KillMidChargeScenarioTest {

  static final double CHARGE_A = 20.0;

  @RegisterExtension
  final Scenario scenario = Scenario.of("5", "Controller kill -9 mid-charge",
      "The bank controller charging at 20 A is killed with SIGKILL and restarted on the same data folder.");

  @Test
  void killedMidChargeItsDeathIsSeenAndTheRestartCountsABoot() {
    Rig rig = chargingAt(CHARGE_A);

    Mark kill = rig.mark();
    long killedAt = System.nanoTime();
    rig.killController();
    ControllerState death = rig.awaitState(kill, s -> s.getStatus() == ControllerState.Status.STATUS_OFFLINE,
        "the broker's last will (OFFLINE)", Duration.ofSeconds(10));
    double deathSeen = (System.nanoTime() - killedAt) / 1e9;

    assertThat(death.getReason()).isEqualTo("connection lost");
    assertThat(death.getBootCount()).isEqualTo(1);
    ControllerState birth = rig.startController();
    assertThat(birth.getBootCount()).as("the restart counts a boot").isEqualTo(2);
    TelemetryFrame live = rig.awaitTelemetry(kill, "bank", f -> f.getHeader().getBootCount() == 2
        && !f.getHeader().getHistorical(), Rig.TIMEOUT);
    assertThat(live.getBank().getBankId()).isEqualTo("bank-1");

    rig.figure("death (last will) seen after SIGKILL", "%.3f s".formatted(deathSeen));
    rig.figure("boot count before / after", death.getBootCount() + " / " + birth.getBootCount());
    rig.note("What the bank does at the restart: killedMidChargeTheBankComesUpSafe.");
  }

  @Test
  void killedMidChargeTheBankComesUpSafe() {
    Rig rig = chargingAt(CHARGE_A);
    Mark kill = rig.mark();
    rig.killController();
    rig.startController();

    BankTelemetry first = rig.awaitTelemetry(kill, "bank", f -> f.getHeader().getBootCount() == 2
        && !f.getHeader().getHistorical(), Rig.TIMEOUT).getBank();
    JsonNode truth = rig.plantTruth().path("bank");
    SoftAssertions bank = new SoftAssertions();
    bank.assertThat(truth.path("mainCoil").asBoolean()).as("plant: main contactor coil driven after the restart")
        .isFalse();
    bank.assertThat(truth.path("mainClosed").asBoolean()).as("plant: main contactor closed after the restart").isFalse();
    bank.assertThat(truth.path("chargerDuty").asDouble()).as("plant: charger duty after the restart").isZero();
    bank.assertThat(first.getMode()).as("telemetry: bank mode of boot 2's first frame").isEqualTo(Mode.MODE_SAFE);
    bank.assertThat(first.getMainContactor().getState()).as("telemetry: main contactor of boot 2's first frame")
        .isEqualTo(ContactorTelemetry.State.STATE_OPEN);
    bank.assertThat(first.getChargeSetpointA()).as("telemetry: charge setpoint of boot 2's first frame").isZero();
    bank.assertThat(Math.abs(first.getPackCurrentA())).as("telemetry: pack current of boot 2's first frame (A)")
        .isLessThan(0.5);
    bank.assertAll();
  }

  /** A rig whose bank charges at {@code amps} by command, seen in telemetry. */
  private Rig chargingAt(double amps) {
    Rig rig = scenario.start(RigOptions.defaults().bankSamplePeriod("200ms"));
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "bank", "mode", "NOMINAL"), Status.STATUS_COMPLETED);
    rig.sendAndAwaitAck("bank.CHARGE", Args.of("cell_volts", 2.5, "amps", amps), Status.STATUS_COMPLETED);
    TelemetryFrame charging = rig.awaitTelemetry("bank", f -> f.getBank().getPackCurrentA() > amps - 2, Rig.TIMEOUT);
    double volts = charging.getBank().getPackVoltageV();
    rig.awaitTelemetry("bank", f -> f.getBank().getPackVoltageV() > volts + 0.01, Rig.TIMEOUT);
    rig.figure("charge current before the kill", "%.1f A".formatted(charging.getBank().getPackCurrentA()));
    return rig;
  }
}
