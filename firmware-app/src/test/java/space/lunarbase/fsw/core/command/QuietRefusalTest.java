package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandIntake.Admission;
import space.lunarbase.fsw.core.command.CommandIntake.Inbound;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;

/**
 * A flood is judged without garbage: once the first refusal of a run has been answered, the rest
 * (malformed, unknown key, rate-limited) are counted, not answered, and allocate nothing on the
 * dispatcher's thread. Messages let in while the queue was full pass the same cheap checks first.
 */
class QuietRefusalTest {

  static final int MESSAGES = 30_000;

  @Test
  void refusalsThatAreNotAnsweredAllocateNothing(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, 1, 1e-6)) {
      SplittableRandom random = new SplittableRandom(7);
      Inbound[] flood = new Inbound[MESSAGES];
      byte[] valid = stack.command("core.NOOP", 1).signed();
      for (int i = 0; i < MESSAGES; i++) {
        byte[] payload = switch (i % 3) {
          case 0 -> randomBytes(random);
          case 1 -> stack.command("core.NOOP", 1).key(TestKeys.STRANGER).signed(); // unknown key
          default -> valid; // the operator's bucket is empty after the first
        };
        flood[i] = new Inbound(payload, Admission.NORMAL);
      }
      for (int i = 0; i < 3; i++) {
        stack.dispatcher.process(flood[i]); // the first of each kind is answered
      }
      for (int round = 0; round < 3; round++) { // warm up, so the JIT has compiled the path
        for (int i = 3; i < MESSAGES; i++) {
          stack.dispatcher.process(flood[i]);
        }
      }
      long unanswered = stack.counters.snapshot().unanswered();

      long before = allocatedBytes();
      int acks = 0;
      for (int i = 3; i < MESSAGES; i++) {
        acks += stack.dispatcher.process(flood[i]).size();
      }
      long allocated = allocatedBytes() - before;
      System.out.printf("quiet refusals: %d bytes allocated for %d messages%n", allocated, MESSAGES - 3);

      assertThat(acks).as("none answered").isZero();
      assertThat(stack.counters.snapshot().unanswered() - unanswered).isEqualTo(MESSAGES - 3);
      assertThat(stack.counters.rejected(Reason.REASON_MALFORMED)).isPositive();
      assertThat(stack.counters.rejected(Reason.REASON_UNKNOWN_KEY)).isPositive();
      assertThat(stack.counters.rejected(Reason.REASON_RATE_LIMITED)).isPositive();
      assertThat(allocated).as("bytes allocated judging %d messages", MESSAGES - 3).isLessThan(MESSAGES / 10);
    }
  }

  @Test
  void aMessageLetInWhileTheQueueWasFullPassesTheCheapChecksFirst(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, 2, 1e-6)) {
      CommandAck garbage = stack.dispatcher.process(new Inbound(new byte[] {0x7f, 0x01}, Admission.BUSY)).getFirst();
      assertThat(garbage.getReason()).as("garbage is MALFORMED, not BUSY").isEqualTo(Reason.REASON_MALFORMED);
      CommandAck stranger = stack.dispatcher.process(new Inbound(
          stack.command("core.NOOP", 1).key(TestKeys.STRANGER).signed(), Admission.BUSY)).getFirst();
      assertThat(stranger.getReason()).isEqualTo(Reason.REASON_UNKNOWN_KEY);

      byte[] valid = stack.command("core.NOOP", 1).signed();
      assertThat(stack.dispatcher.process(new Inbound(valid, Admission.BUSY)).getFirst().getReason())
          .isEqualTo(Reason.REASON_BUSY);
      assertThat(stack.dispatcher.process(new Inbound(valid, Admission.BUSY)).getFirst().getReason())
          .isEqualTo(Reason.REASON_BUSY);
      assertThat(stack.dispatcher.process(new Inbound(valid, Admission.BUSY)).getFirst().getReason())
          .as("a BUSY answer costs the key a token").isEqualTo(Reason.REASON_RATE_LIMITED);
    }
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(1, 200)];
    random.nextBytes(bytes);
    return bytes;
  }
}
