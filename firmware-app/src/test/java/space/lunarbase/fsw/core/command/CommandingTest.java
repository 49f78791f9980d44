package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.testkit.MosquittoBroker;

/** Commands in over a real broker, acks and events out: every outcome with its reason code. */
class CommandingTest {

  /** The demo board's charger PWM channel (GPIO 18). */
  static final int CHARGER_PWM = 18;

  static MosquittoBroker broker;
  static CommandTester tester;
  static final AtomicBoolean chargerFault = new AtomicBoolean();

  @BeforeAll
  static void start(@TempDir Path data) {
    broker = MosquittoBroker.start();
    tester = CommandTester.start(data, broker.url(), Map.of("lunarbase.commands.rate-burst", 1000), 1);
    SimulatedBoard board = (SimulatedBoard) tester.firmware().getBean(Board.class);
    board.bankSim().orElseThrow().pins().onPwm(CHARGER_PWM, (address, state) -> {
      if (chargerFault.get()) {
        throw new IllegalStateException("charger PWM driver not answering");
      }
    });
  }

  @AfterAll
  static void stop() {
    tester.close();
    broker.close();
  }

  // -- accepted

  @Test
  void noopIsAcceptedThenCompletedAndRaisesAnActivityEvent() {
    TestCommand noop = tester.command("core.NOOP");
    CommandAck done = tester.assertCompleted(noop);

    assertThat(done.getCommand()).isEqualTo("core.NOOP");
    assertThat(done.getKeyId()).isEqualTo("test-operator");
    assertThat(done.getReason()).isEqualTo(Reason.REASON_NONE);
    assertThat(done.getHeader().getControllerId()).isEqualTo("ctl-1");
    Event event = tester.awaitEvent("COMMAND_COMPLETED",
        e -> e.getArgsMap().get("request").equals(Long.toString(noop.requestId())));
    assertThat(event.getSeverity()).isEqualTo(Severity.SEVERITY_ACTIVITY_HI);
  }

  @Test
  void setChargeCurrentChangesTheChargersSetpointInMaintenance() {
    CellBank bank = tester.firmware().getBean(Board.class).cellBank().orElseThrow();
    tester.assertRejected(tester.command("bank.SET_CHARGE_CURRENT").number("amps", 37), Reason.REASON_ILLEGAL_IN_MODE);
    bankMode("MAINTENANCE");
    try {
      tester.assertCompleted(tester.command("bank.SET_CHARGE_CURRENT").number("amps", 37));
      assertThat(bank.chargeCurrentSetpointA()).isEqualTo(37.0);

      tester.assertCompleted(tester.command("bank.SET_CHARGE_CURRENT").number("amps", 0));
      assertThat(bank.chargeCurrentSetpointA()).isZero();
    } finally {
      bankMode("NOMINAL");
    }
  }

  @Test
  void aHardwareFaultDuringExecutionIsFailedWithTheDevicesMessage() {
    CellBank bank = tester.firmware().getBean(Board.class).cellBank().orElseThrow();
    bankMode("MAINTENANCE");
    try {
      double before = bank.chargeCurrentSetpointA();
      TestCommand command = tester.command("bank.SET_CHARGE_CURRENT").number("amps", 42);
      chargerFault.set(true);
      try {
        var acks = tester.send(command);
        assertThat(acks).extracting(CommandAck::getStatus).containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_FAILED);
        assertThat(acks.getLast().getReason()).isEqualTo(Reason.REASON_EXECUTION_FAILED);
        assertThat(acks.getLast().getText()).contains("charger").contains("not answering");
      } finally {
        chargerFault.set(false);
      }
      assertThat(bank.chargeCurrentSetpointA()).isEqualTo(before);
      Event failed = tester.awaitEvent("COMMAND_FAILED",
          e -> e.getArgsMap().get("request").equals(Long.toString(command.requestId())));
      assertThat(failed.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);

      tester.assertCompleted(tester.command("bank.SET_CHARGE_CURRENT").number("amps", 42));
      assertThat(bank.chargeCurrentSetpointA()).isEqualTo(42.0);
    } finally {
      bankMode("NOMINAL");
    }
  }

  private static void bankMode(String mode) {
    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", mode));
  }

  @Test
  void setModeChangesTheModeWithAnEventNamingTheCause() {
    Modes modes = tester.firmware().getBean(Modes.class);
    TestCommand command = tester.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "MAINTENANCE");
    tester.assertCompleted(command);
    try {
      assertThat(modes.of("tracker")).contains(Mode.MAINTENANCE);
      Event event = tester.awaitEvent("MODE_CHANGED", e -> "tracker".equals(e.getArgsMap().get("subsystem")));
      assertThat(event.getArgsMap()).containsEntry("from", "NOMINAL").containsEntry("to", "MAINTENANCE");
      assertThat(event.getArgsMap().get("cause")).contains("core.SET_MODE").contains("test-operator")
          .contains(Long.toString(command.requestId()));
    } finally {
      tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "NOMINAL"));
    }
  }

  @Test
  void openContactorsCompletesInAnyMode() {
    CellBank bank = tester.firmware().getBean(Board.class).cellBank().orElseThrow();
    tester.assertCompleted(tester.command("bank.OPEN_CONTACTORS"));
    assertThat(bank.readContactor(space.lunarbase.hal.bank.BankContactor.MAIN).commandedClosed()).isFalse();
  }

  @Test
  void railSafeFromTheRangeSafetyKeyCompletesAndFromAnOperatorIsWrongRole() {
    tester.assertCompleted(tester.command("rail.SAFE").key(TestKeys.RANGE_SAFETY));
    tester.assertRejected(tester.command("rail.SAFE"), Reason.REASON_WRONG_ROLE);
    tester.assertRejected(tester.command("bank.OPEN_CONTACTORS").key(TestKeys.RANGE_SAFETY), Reason.REASON_WRONG_ROLE);
  }

  @Test
  void linkRebirthRepublishesTheBirth() {
    int births = tester.recorder().on(Firmware.topic("state")).size();
    tester.assertCompleted(tester.command("link.REBIRTH"));
    await().atMost(Duration.ofSeconds(10)).until(() -> tester.recorder().on(Firmware.topic("state")).stream()
        .skip(births).anyMatch(m -> parseState(m.payload()).getStatus() == ControllerState.Status.STATUS_ONLINE));
  }

  // -- rejected, in the order of the checks

  @Test
  void bytesThatAreNotASignedCommandAreMalformed() {
    tester.assertRejected("hello, controller".getBytes(StandardCharsets.UTF_8), Reason.REASON_MALFORMED);
    tester.assertRejected(new byte[] {(byte) 0xFF, 0x01, 0x02}, Reason.REASON_MALFORMED);
    byte[] unknownField = SignedCommand.newBuilder().setKeyId("test-operator").build().toBuilder()
        .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
            .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
        .build().toByteArray();
    tester.assertRejected(unknownField, Reason.REASON_MALFORMED);
  }

  @Test
  void aSignedBodyThatIsNotACommandBodyIsMalformed() {
    byte[] body = {(byte) 0xFF, (byte) 0xFF, 0x00};
    byte[] signed = SignedCommand.newBuilder().setBody(ByteString.copyFrom(body)).setKeyId("test-operator")
        .setMac(ByteString.copyFrom(TestKeys.OPERATOR.mac(body))).build().toByteArray();
    tester.assertRejected(signed, Reason.REASON_MALFORMED);
  }

  @Test
  void anUnknownKeyIsRejected() {
    CommandAck ack = tester.assertRejected(tester.command("core.NOOP").key(TestKeys.STRANGER), Reason.REASON_UNKNOWN_KEY);
    assertThat(ack.getKeyId()).isEqualTo("stranger");
  }

  @Test
  void aBadMacIsRejectedAndNothingOfTheBodyIsEchoed() {
    TestCommand forged = tester.command("bank.SET_CHARGE_CURRENT").number("amps", 99).signedBy(TestKeys.RANGE_SAFETY);
    CommandAck ack = tester.assertRejected(forged, Reason.REASON_BAD_MAC);
    assertThat(ack.getRequestId()).as("unauthenticated body not echoed").isZero();
    assertThat(ack.getKeyId()).isEqualTo("test-operator");
  }

  @Test
  void aCommandForAnotherControllerIsWrongTarget() {
    tester.assertRejected(tester.command("core.NOOP").target("test-site", "ctl-2"), Reason.REASON_WRONG_TARGET);
    tester.assertRejected(tester.command("core.NOOP").target("other-site", "ctl-1"), Reason.REASON_WRONG_TARGET);
  }

  @Test
  void anExpiredCommandIsRejected() {
    var clock = tester.firmware().getBean(java.time.InstantSource.class);
    tester.assertRejected(tester.command("core.NOOP").expires(clock.instant().minusSeconds(1)), Reason.REASON_EXPIRED);
  }

  @Test
  void aCommandExpiringTooFarAheadIsRejectedWithoutUsingItsCounter() {
    var clock = tester.firmware().getBean(java.time.InstantSource.class);
    TestCommand far = tester.command("core.NOOP").expires(clock.instant().plus(Duration.ofHours(9600)));
    CommandAck refused = tester.assertRejected(far, Reason.REASON_EXPIRY_TOO_FAR);
    assertThat(refused.getText()).startsWith("expires 345599").endsWith(" s ahead of the controller's clock; at most"
        + " 600.000 s (lunarbase.authority.max-expiry)");
    tester.assertRejected(tester.command("core.NOOP").expires(clock.instant().plus(Duration.ofMinutes(11))),
        Reason.REASON_EXPIRY_TOO_FAR);
    tester.assertCompleted(far.expires(clock.instant().plusSeconds(60))); // the same counter: it was not used

    // seq.LOAD has its own bound: an upload may wait for a pass
    byte[] sequence = space.lunarbase.fsw.core.seq.TestSequence.named("later")
        .after(Duration.ofHours(2), "core.NOOP").bytes();
    CommandAck tooFar = tester.assertRejected(tester.command("seq.LOAD").integer("slot", 1).data("sequence", sequence)
        .expires(clock.instant().plus(Duration.ofHours(2))), Reason.REASON_EXPIRY_TOO_FAR);
    assertThat(tooFar.getText()).endsWith("at most 3600.000 s (lunarbase.authority.max-load-expiry)");
    tester.assertCompleted(tester.command("seq.LOAD").integer("slot", 1).data("sequence", sequence)
        .expires(clock.instant().plus(Duration.ofMinutes(30))));
    tester.assertCompleted(tester.command("seq.CLEAR").integer("slot", 1));
  }

  @Test
  void aReplayedCounterIsRejected() {
    TestCommand noop = tester.command("core.NOOP");
    byte[] once = noop.signed();
    assertThat(tester.sendBytes(once)).extracting(CommandAck::getStatus).contains(Status.STATUS_COMPLETED);
    CommandAck replay = tester.assertRejected(once, Reason.REASON_REPLAYED);
    assertThat(replay.getCounter()).isEqualTo(noop.body().getCounter());
    tester.assertRejected(tester.command("core.NOOP").counter(1), Reason.REASON_REPLAYED);
  }

  @Test
  void anUndeclaredCommandIsUnknown() {
    tester.assertRejected(tester.command("bank.SELF_DESTRUCT"), Reason.REASON_UNKNOWN_COMMAND);
    tester.assertRejected(tester.command(""), Reason.REASON_UNKNOWN_COMMAND);
  }

  @Test
  void argumentsAreCheckedAgainstTheirDeclaration() {
    tester.assertRejected(tester.command("bank.SET_CHARGE_CURRENT").number("amps", 100.5), Reason.REASON_OUT_OF_RANGE);
    tester.assertRejected(tester.command("bank.SET_CHARGE_CURRENT").number("amps", -1), Reason.REASON_OUT_OF_RANGE);
    tester.assertRejected(tester.command("bank.SET_CHARGE_CURRENT").number("amps", Double.NaN),
        Reason.REASON_OUT_OF_RANGE);
    tester.assertRejected(tester.command("bank.SET_CHARGE_CURRENT").text("amps", "5"), Reason.REASON_BAD_ARGUMENT);
    tester.assertRejected(tester.command("bank.SET_CHARGE_CURRENT").integer("amps", 5), Reason.REASON_BAD_ARGUMENT);
    tester.assertRejected(tester.command("bank.SET_CHARGE_CURRENT"), Reason.REASON_BAD_ARGUMENT);
    tester.assertRejected(tester.command("core.NOOP").flag("extra", true), Reason.REASON_BAD_ARGUMENT);
    tester.assertRejected(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "TURBO"),
        Reason.REASON_BAD_ARGUMENT);
  }

  @Test
  void aCommandIllegalInTheSubsystemsModeIsRejected() {
    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "SAFE"));
    try {
      tester.assertRejected(tester.command("bank.CHARGE").number("cell_volts", 2.0).number("amps", 5),
          Reason.REASON_ILLEGAL_IN_MODE);
      tester.assertCompleted(tester.command("bank.OPEN_CONTACTORS"));
    } finally {
      tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "NOMINAL"));
    }
  }

  @Test
  void aRejectionRaisesAWarningEvent() {
    tester.assertRejected(tester.command("core.NOOP").key(TestKeys.STRANGER), Reason.REASON_UNKNOWN_KEY);
    Event event = tester.awaitEvent("COMMAND_REJECTED", e -> true);
    assertThat(event.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_LO);
    assertThat(event.getArgsMap()).containsKey("reason");
  }

  private static ControllerState parseState(byte[] payload) {
    try {
      return ControllerState.parseFrom(payload);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
