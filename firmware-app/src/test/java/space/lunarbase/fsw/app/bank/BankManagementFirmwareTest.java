package space.lunarbase.fsw.app.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.event.EventCatalogue;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.ContactorTelemetry;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder.Received;

/**
 * Bank management in the running firmware over a real broker: the manager runs on its rate group,
 * its commands arrive signed on {@code cmd}, its transitions come out on {@code evt} and its state
 * on {@code tlm/bank}, and the rail's {@link ShotReadiness} bean answers from it.
 */
class BankManagementFirmwareTest {

  static final String BANK = Firmware.topic("tlm/bank");

  static MosquittoBroker broker;
  static CommandTester tester;

  @BeforeAll
  static void start(@TempDir Path data) {
    broker = MosquittoBroker.start();
    tester = CommandTester.start(data, broker.url(), Map.of("lunarbase.commands.rate-burst", 1000), 1);
    assertThat(tester.firmware().getBean(ShotReadiness.class).status().reason()).as("the bank starts SAFE")
        .startsWith("bank is SAFE");
    setMode("NOMINAL");
  }

  @AfterAll
  static void stop() {
    tester.close();
    broker.close();
  }

  @Test
  void aChargeCommandedOverMqttRunsOnTheRateGroupAndShowsInEventsTelemetryAndReadiness() {
    ShotReadiness readiness = tester.firmware().getBean(ShotReadiness.class);
    // NOMINAL takes effect at the bank's next cycle, after the mode command's ack
    await("the bank IDLE").atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(readiness.status().reason()).startsWith("bank is IDLE"));
    assertThat(readiness.status().ready()).isFalse();

    TestCommand charge = charge(2.0, 100);
    String done = tester.assertCompleted(charge).getText();
    assertThat(done).startsWith("charge to 2.000 V per cell at up to 100.0 A");
    Event charging = tester.awaitEvent("BANK_STATE_CHANGED", e -> "CHARGING".equals(e.getArgsMap().get("to")));
    assertThat(charging.getArgsMap()).containsEntry("from", "IDLE");
    assertThat(charging.getArgsMap().get("cause")).contains("bank.CHARGE").contains("test-operator")
        .contains("request " + charge.requestId());
    assertThat(charging.getSubsystem()).isEqualTo("bank");
    assertThat(charging.getId()).isEqualTo(3001);

    // the cells come from the manager's last cycle, the pack from the frame's own reading
    BankTelemetry frame = awaitFrame(b -> b.getState() == BankTelemetry.State.STATE_CHARGING && b.getPackCurrentA() > 90
        && b.getCellsList().stream().allMatch(c -> c.getVoltageV() > 0));
    assertThat(frame.getMainContactor().getState()).isEqualTo(ContactorTelemetry.State.STATE_CLOSED);
    assertThat(frame.getChargeSetpointA()).isEqualTo(100.0);
    assertThat(frame.getTargetCellV()).isEqualTo(2.0);
    assertThat(frame.getCellsCount()).isEqualTo(12);
    assertThat(frame.getCellsList()).allSatisfy(c -> assertThat(c.getEnergyJ()).isPositive());
    assertThat(frame.getEnergyJ()).isPositive();
    assertThat(frame.getReady()).isFalse();
    assertThat(readiness.status().reason()).startsWith("bank is CHARGING: charge to 2.000 V per cell");

    // wrong state, wrong mode
    assertThat(tester.send(tester.command("bank.DISCHARGE").number("cell_volts", 0.5)).getLast().getText())
        .isEqualTo("the bank is CHARGING: send bank.STOP first");
    tester.assertCompleted(tester.command("bank.STOP"));
    tester.awaitEvent("BANK_STATE_CHANGED", e -> "IDLE".equals(e.getArgsMap().get("to"))
        && e.getArgsMap().get("cause").contains("bank.STOP"));
    awaitFrame(b -> b.getState() == BankTelemetry.State.STATE_IDLE && Math.abs(b.getPackCurrentA()) < 0.5
        && b.getMainContactor().getState() == ContactorTelemetry.State.STATE_OPEN);
    setMode("MAINTENANCE");
    try {
      assertThat(tester.assertRejected(charge(2.0, 10), Reason.REASON_ILLEGAL_IN_MODE).getText())
          .contains("bank is MAINTENANCE");
      awaitFrame(b -> b.getState() == BankTelemetry.State.STATE_MANUAL);
    } finally {
      setMode("NOMINAL");
    }
  }

  @Test
  void theBankEventsAreInTheCatalogueInTheBankRange() {
    EventCatalogue catalogue = tester.firmware().getBean(EventCatalogue.class);
    assertThat(catalogue.kinds()).containsAll(new BankEvents().events());
    assertThat(new BankEvents().events()).allSatisfy(k -> {
      assertThat(k.id()).isBetween(3001, 3999);
      assertThat(k.subsystem()).isEqualTo("bank");
    });
    assertThat(catalogue.kinds().stream().filter(k -> k.subsystem().equals("bank")).map(EventLog.Kind::name))
        .containsExactlyInAnyOrder("BANK_STATE_CHANGED", "BANK_PROTECTION_TRIPPED", "BANK_PROTECTION_CLEARED",
            "BANK_READINGS_BAD", "BANK_OUTPUT_FAILED", "BANK_CHARGER_NOT_DELIVERING");
  }

  private static TestCommand charge(double cellVolts, double amps) {
    return tester.command("bank.CHARGE").number("cell_volts", cellVolts).number("amps", amps);
  }

  private static void setMode(String mode) {
    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", mode));
  }

  /** Waits for a bank frame published from now on that matches. */
  private static BankTelemetry awaitFrame(Predicate<BankTelemetry> predicate) {
    int before = tester.recorder().on(BANK).size();
    return await("a bank frame").atMost(Duration.ofSeconds(10)).until(() -> tester.recorder().on(BANK).stream()
        .skip(before).map(BankManagementFirmwareTest::bank).filter(predicate).findFirst(), Optional::isPresent).get();
  }

  private static BankTelemetry bank(Received m) {
    try {
      return TelemetryFrame.parseFrom(m.payload()).getBank();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
