package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandIntake.Admission;
import space.lunarbase.fsw.core.command.CommandIntake.Inbound;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;

/**
 * A flood is judged without garbage: once the anonymous bucket (refusals before a command is shown
 * to be authentic and fresh) and the key's bucket are spent, refusals are counted, not answered,
 * and allocate nothing on the dispatcher's thread, the MAC check of forgeries under a real key
 * included. Messages let in while the queue was full are authenticated first, and a safing one is
 * not refused BUSY.
 */
class QuietRefusalTest {

  static final int MESSAGES = 30_000;
  static final int KINDS = 8;

  @Test
  void refusalsThatAreNotAnsweredAllocateNothing(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, 1, 1e-6)) {
      SplittableRandom random = new SplittableRandom(7);
      Inbound[] flood = new Inbound[MESSAGES];
      byte[] accepted = stack.command("core.NOOP", 1).signed();
      assertThat(stack.process(accepted)).extracting(CommandAck::getStatus).contains(Status.STATUS_COMPLETED);
      byte[] forged = accepted.clone();
      forged[forged.length - 1] ^= 0x01; // the MAC is the last field: one byte flipped
      for (int i = 0; i < MESSAGES; i++) {
        long counter = 2 + i;
        byte[] payload = switch (i % KINDS) {
          case 0 -> randomBytes(random);
          case 1 -> stack.command("core.NOOP", counter).key(TestKeys.STRANGER).signed(); // unknown key
          case 2 -> forged; // BAD_MAC under a real key
          case 3 -> stack.command("core.SET_MODE", counter).text("subsystem", "tracker").text("mode", "SAFE")
              .signedBy(TestKeys.RANGE_SAFETY).signed(); // a forged safing command
          case 4 -> accepted; // REPLAYED
          case 5 -> stack.command("core.NOOP", counter).target("test-site", "ctl-2").signed(); // WRONG_TARGET
          case 6 -> stack.command("core.NOOP", counter).signed(); // fresh: RATE_LIMITED, the bucket spent
          default -> stack.command("core.SET_MODE", counter).text("subsystem", "tracker").text("mode", "SAFE")
              .signed(); // fresh safing: the reserve (5) spent too, then RATE_LIMITED
        };
        flood[i] = new Inbound(payload, Admission.NORMAL);
      }
      for (int round = 0; round < 3; round++) { // answers the first of each; warms up, so the JIT has compiled the path
        for (int i = 0; i < MESSAGES; i++) {
          stack.dispatcher.process(flood[i]);
        }
      }
      long unanswered = stack.counters.snapshot().unanswered();

      long before = allocatedBytes();
      long started = System.nanoTime();
      int acks = 0;
      for (int i = 0; i < MESSAGES; i++) {
        acks += stack.dispatcher.process(flood[i]).size();
      }
      long nanos = System.nanoTime() - started;
      long allocated = allocatedBytes() - before;
      System.out.printf("quiet refusals: %d bytes allocated for %d messages, %.2f us each%n", allocated, MESSAGES,
          nanos / 1e3 / MESSAGES);

      assertThat(acks).as("none answered").isZero();
      assertThat(stack.counters.snapshot().unanswered() - unanswered).isEqualTo(MESSAGES);
      for (Reason reason : List.of(Reason.REASON_MALFORMED, Reason.REASON_UNKNOWN_KEY, Reason.REASON_BAD_MAC,
          Reason.REASON_REPLAYED, Reason.REASON_WRONG_TARGET, Reason.REASON_RATE_LIMITED)) {
        assertThat(stack.counters.rejected(reason)).as(reason.name()).isPositive();
      }
      assertThat(stack.counters.snapshot().onReserve()).as("the safing reserve took five").isEqualTo(5);
      assertThat(allocated).as("bytes allocated judging %d messages", MESSAGES).isLessThan(MESSAGES / 10);
    }
  }

  @Test
  void aMessageLetInWhileTheQueueWasFullIsAuthenticatedFirstAndASafingOneIsNotBusy(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, 2, 1e-6)) {
      CommandAck garbage = stack.dispatcher.process(new Inbound(new byte[] {0x7f, 0x01}, Admission.BUSY)).getFirst();
      assertThat(garbage.getReason()).as("garbage is MALFORMED, not BUSY").isEqualTo(Reason.REASON_MALFORMED);
      CommandAck stranger = stack.dispatcher.process(new Inbound(
          stack.command("core.NOOP", 1).key(TestKeys.STRANGER).signed(), Admission.BUSY)).getFirst();
      assertThat(stranger.getReason()).isEqualTo(Reason.REASON_UNKNOWN_KEY);
      CommandAck forged = stack.dispatcher.process(new Inbound(
          stack.command("core.NOOP", 1).signedBy(TestKeys.RANGE_SAFETY).signed(), Admission.BUSY)).getFirst();
      assertThat(forged.getReason()).as("a forgery is BAD_MAC, not BUSY").isEqualTo(Reason.REASON_BAD_MAC);

      byte[] valid = stack.command("core.NOOP", 1).signed();
      assertThat(stack.dispatcher.process(new Inbound(valid, Admission.BUSY)).getFirst().getReason())
          .isEqualTo(Reason.REASON_BUSY);
      assertThat(stack.dispatcher.process(new Inbound(valid, Admission.BUSY)).getFirst().getReason())
          .as("BUSY does not consume the counter").isEqualTo(Reason.REASON_BUSY);
      assertThat(stack.dispatcher.process(new Inbound(valid, Admission.BUSY)).getFirst().getReason())
          .as("a BUSY answer costs the key a token").isEqualTo(Reason.REASON_RATE_LIMITED);

      List<CommandAck> safing = stack.dispatcher.process(new Inbound(stack.command("core.SET_MODE", 2)
          .text("subsystem", "tracker").text("mode", "SAFE").signed(), Admission.BUSY));
      assertThat(safing).as("a safing command is not BUSY, and runs on the reserve").extracting(CommandAck::getStatus)
          .containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_COMPLETED);
      assertThat(stack.counters.snapshot().onReserve()).isEqualTo(1);
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
