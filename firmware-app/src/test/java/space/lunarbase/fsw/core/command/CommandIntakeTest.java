package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandIntake.Admission;
import space.lunarbase.fsw.core.command.CommandIntake.Inbound;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;

/** The intake's bounds: a full queue answers BUSY, beyond that drops and counts; oversized is malformed. */
class CommandIntakeTest {

  @Test
  void beyondItsCapacityTheIntakeMarksBusyThenDrops() throws InterruptedException {
    CommandIntake intake = new CommandIntake(2);
    for (int i = 0; i < 6; i++) {
      intake.accept(new byte[] {(byte) i});
    }
    assertThat(intake.received()).isEqualTo(6);
    assertThat(intake.dropped()).isEqualTo(2);
    assertThat(intake.depth()).isEqualTo(4);
    assertThat(next(intake).admission()).isEqualTo(Admission.NORMAL);
    assertThat(next(intake).admission()).isEqualTo(Admission.NORMAL);
    assertThat(next(intake).admission()).isEqualTo(Admission.BUSY);
    assertThat(next(intake).admission()).isEqualTo(Admission.BUSY);
    assertThat(next(intake)).isNull();
  }

  @Test
  void theIntakeTakesThePayloadAsHandedOverAndRefusesOversizedOnes() throws InterruptedException {
    CommandIntake intake = new CommandIntake(4);
    byte[] payload = {1, 2, 3};
    intake.accept(payload);
    intake.accept(new byte[CommandIntake.MAX_PAYLOAD + 1]);
    intake.accept(null);
    assertThat(next(intake).payload()).as("not copied").isSameAs(payload);
    assertThat(next(intake)).extracting(Inbound::admission, i -> i.payload().length)
        .containsExactly(Admission.OVERSIZED, 0);
    assertThat(next(intake).admission()).isEqualTo(Admission.OVERSIZED);
  }

  @Test
  void verifiedSafingCommandsGoAheadOfEverythingInTheOrderTheyCame() throws InterruptedException {
    CommandIntake intake = new CommandIntake(2);
    for (int i = 0; i < 5; i++) {
      intake.accept(new byte[] {(byte) i});
    }
    Delegated entry = new Delegated("core.NOOP", java.util.Map.of(), "k", Role.OPERATOR, 1, 1,
        space.lunarbase.proto.v1.SequenceRef.getDefaultInstance(), () -> true, outcome -> { });
    intake.submit(entry);
    byte[] first = {10};
    byte[] second = {11};
    assertThat(intake.acceptAhead(first)).isTrue();
    assertThat(intake.acceptAhead(second)).isTrue();
    assertThat(intake.acceptAhead(new byte[] {12})).as("the lane holds queue-capacity").isFalse();
    assertThat(intake.depth()).isEqualTo(6);
    assertThat(intake.expedited()).isEqualTo(2);
    assertThat(intake.received()).isEqualTo(7);

    assertThat(next(intake)).extracting(Inbound::payload, Inbound::admission).containsExactly(first, Admission.AHEAD);
    assertThat(next(intake).payload()).isSameAs(second);
    assertThat(intake.poll(Duration.ZERO)).isSameAs(entry);
    assertThat(next(intake).admission()).isEqualTo(Admission.NORMAL);
    assertThat(next(intake).admission()).isEqualTo(Admission.NORMAL);
    assertThat(next(intake).admission()).isEqualTo(Admission.BUSY);
    assertThat(next(intake).admission()).isEqualTo(Admission.BUSY);
    assertThat(next(intake)).isNull();
    assertThat(intake.acceptAhead(new byte[] {12})).as("room again").isTrue();
  }

  @Test
  void theInletLetsAheadOnlyVerifiedFreshSafingCommandsForThisController(@TempDir Path data)
      throws InterruptedException {
    try (CommandStack stack = new CommandStack(data, 100, 100)) {
      CommandInlet inlet = new CommandInlet(stack.intake, TestKeys.keys(), stack.replay,
          stack.registry,
          new space.lunarbase.fsw.config.ControllerSettings("test-site", "ctl-1", data.toString()));
      stack.dispatcher.close(); // the test takes from the queue itself
      TestCommand safe = stack.command("core.SET_MODE", 5).text("subsystem", "rail").text("mode", "SAFE");
      inlet.accept(safe.signed());
      assertThat(stack.intake.expedited()).as("nothing waiting: it takes the ordinary way").isZero();

      inlet.accept(stack.command("core.SET_MODE", 6).text("subsystem", "rail").text("mode", "SAFE")
          .signedBy(TestKeys.RANGE_SAFETY).signed()); // forged
      inlet.accept(stack.command("core.SET_MODE", 7).text("subsystem", "rail").text("mode", "NOMINAL").signed());
      inlet.accept(stack.command("core.SET_MODE", 8).text("subsystem", "rail").text("mode", "SAFE")
          .target("test-site", "ctl-2").signed());
      inlet.accept(stack.command("core.SET_MODE", 9).text("subsystem", "rail").text("mode", "SAFE")
          .key(TestKeys.STRANGER).signed());
      assertThat(stack.intake.expedited()).isZero();

      byte[] fresh = stack.command("core.SET_MODE", 10).text("subsystem", "rail").text("mode", "SAFE").signed();
      inlet.accept(fresh);
      inlet.accept(fresh); // a copy
      inlet.accept(safe.signed()); // counter 5, below one already let ahead
      assertThat(stack.intake.expedited()).isEqualTo(1);
      assertThat(next(stack.intake).payload()).isSameAs(fresh);

      stack.replay.advance("test-operator", 20);
      inlet.accept(stack.command("core.SET_MODE", 15).text("subsystem", "rail").text("mode", "SAFE").signed());
      assertThat(stack.intake.expedited()).as("not above the counters accepted").isEqualTo(1);
      inlet.accept(stack.command("core.SET_MODE", 21).text("subsystem", "rail").text("mode", "SAFE")
          .key(TestKeys.RANGE_SAFETY).signed());
      assertThat(stack.intake.expedited()).as("any key's, whatever its role").isEqualTo(2);
      assertThat(inlet.stream()).isEqualTo("cmd");
    }
  }

  /** The next received message in the queue, or null. */
  private static Inbound next(CommandIntake intake) throws InterruptedException {
    return (Inbound) intake.poll(Duration.ZERO);
  }

  @Test
  void busyAndOversizedMessagesAreRejectedWithTheirReasons(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, 100, 1)) {
      byte[] valid = stack.command("core.NOOP", 1).signed();
      CommandAck busy = stack.dispatcher.process(new Inbound(valid, Admission.BUSY)).getFirst();
      assertThat(busy.getStatus()).isEqualTo(Status.STATUS_REJECTED);
      assertThat(busy.getReason()).isEqualTo(Reason.REASON_BUSY);
      assertThat(busy.getKeyId()).isEqualTo("test-operator");

      CommandAck oversized = stack.dispatcher.process(new Inbound(new byte[0], Admission.OVERSIZED)).getFirst();
      assertThat(oversized.getReason()).isEqualTo(Reason.REASON_MALFORMED);

      assertThat(stack.process(valid)).extracting(CommandAck::getStatus)
          .as("a BUSY answer does not consume the counter").containsExactly(Status.STATUS_ACCEPTED,
              Status.STATUS_COMPLETED);
    }
  }
}
