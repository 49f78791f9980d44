package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.SignedCommand;

/**
 * 10^5 random and mutated messages straight into the dispatcher: nothing escapes, each gets a final
 * ack (a rejection always with a reason), and a valid command is still accepted afterwards.
 */
class CommandFuzzTest {

  static final int MESSAGES = 100_000;

  @Test
  void noMessageCrashesTheDispatcherAndEachIsAnsweredWithADocumentedOutcome(@TempDir Path data) {
    SplittableRandom random = new SplittableRandom(20270101L);
    Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
    int completed = 0;
    try (CommandStack stack = new CommandStack(data, new CommandSettings("unused.yml", 32, 1_000_000, 1_000_000,
        1_000_000, 1_000_000, 5, 0.1))) {
      List<byte[]> seeds = List.of(
          stack.command("core.NOOP", 1).signed(),
          stack.command("core.SET_MODE", 2).text("subsystem", "tracker").text("mode", "SAFE").signed(),
          stack.command("core.SET_MODE", 3).text("subsystem", "bank").text("mode", "MAINTENANCE").number("x", 1.5)
              .integer("n", -7).flag("f", true).signed());
      for (int i = 0; i < MESSAGES; i++) {
        byte[] message = mutate(seeds.get(random.nextInt(seeds.size())), random);
        List<CommandAck> acks = stack.process(message);
        assertThat(acks).isNotEmpty();
        AckMacs.assertSigned(acks, TestKeys.ring(), "test-site", "ctl-1");
        CommandAck last = acks.getLast();
        switch (last.getStatus()) {
          case STATUS_REJECTED -> {
            assertThat(last.getReason()).isNotIn(Reason.REASON_NONE, Reason.UNRECOGNIZED);
            assertThat(last.getText()).isNotBlank();
            reasons.merge(last.getReason(), 1, Integer::sum);
          }
          case STATUS_COMPLETED, STATUS_FAILED -> {
            assertThat(acks.getFirst().getStatus()).isEqualTo(Status.STATUS_ACCEPTED);
            completed++;
          }
          default -> throw new AssertionError("unexpected final ack " + last);
        }
      }
      assertThat(stack.counters.snapshot().rejectedTotal() + completed).isEqualTo(MESSAGES);
      assertThat(reasons).containsKeys(Reason.REASON_MALFORMED, Reason.REASON_UNKNOWN_KEY, Reason.REASON_BAD_MAC);

      List<CommandAck> after = stack.process(stack.command("core.NOOP", 1).key(TestKeys.RANGE_SAFETY).signed());
      assertThat(after).extracting(CommandAck::getStatus)
          .containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_COMPLETED);
    }
    System.out.println("fuzz outcomes: " + reasons + ", executed " + completed);
  }

  /** One of: random bytes, bit flips, truncation, extension, or a body mutation signed again. */
  static byte[] mutate(byte[] seed, SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 -> randomBytes(random, random.nextInt(300));
      case 1 -> flip(seed, random);
      case 2 -> Arrays.copyOf(seed, random.nextInt(seed.length));
      case 3 -> {
        byte[] tail = randomBytes(random, 1 + random.nextInt(40));
        byte[] longer = Arrays.copyOf(seed, seed.length + tail.length);
        System.arraycopy(tail, 0, longer, seed.length, tail.length);
        yield longer;
      }
      case 4 -> resigned(seed, random);
      default -> flip(randomBytes(random, 1 + random.nextInt(64)), random);
    };
  }

  private static byte[] resigned(byte[] seed, SplittableRandom random) {
    try {
      SignedCommand signed = SignedCommand.parseFrom(seed);
      byte[] body = signed.getBody().toByteArray();
      body = random.nextBoolean() ? flip(body, random) : Arrays.copyOf(body, random.nextInt(body.length + 1));
      return signed.toBuilder().setBody(ByteString.copyFrom(body))
          .setMac(ByteString.copyFrom(TestKeys.OPERATOR.mac(body))).build().toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] flip(byte[] bytes, SplittableRandom random) {
    byte[] copy = bytes.clone();
    int flips = 1 + random.nextInt(8);
    for (int i = 0; i < flips && copy.length > 0; i++) {
      int at = random.nextInt(copy.length);
      copy[at] ^= (byte) (1 << random.nextInt(8));
    }
    return copy;
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
