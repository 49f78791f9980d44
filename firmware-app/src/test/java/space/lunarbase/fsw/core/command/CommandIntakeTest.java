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
