package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.testkit.MosquittoExtension;

/** The replay window across a restart, and the per-key rate limit against a flood. */
class CommandRestartAndFloodTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void aCounterAcceptedBeforeARestartIsReplayedAfterIt(@TempDir Path data) throws Exception {
    byte[] accepted;
    try (CommandTester tester = CommandTester.start(data, broker.url(), Map.of(), 41)) {
      tester.assertCompleted(tester.command("core.NOOP"));
      TestCommand second = tester.command("core.NOOP");
      accepted = second.signed();
      tester.assertCompleted(second);
    }
    assertThat(new CounterFiles(data.resolve(ReplayGuard.FOLDER)).newest().orElseThrow().marks())
        .containsEntry("test-operator", 42L);

    try (CommandTester again = CommandTester.start(data, broker.url(), Map.of(), 42)) {
      again.assertRejected(accepted, Reason.REASON_REPLAYED);
      again.assertRejected(again.command("core.NOOP").counter(42), Reason.REASON_REPLAYED);
      again.assertCompleted(again.command("core.NOOP").counter(43));
      again.assertCompleted(again.command("core.NOOP").key(TestKeys.RANGE_SAFETY).counter(1));
    }
  }

  @Test
  void aFloodUnderOneKeyIsRateLimitedAndOnlyItsFirstRefusalIsAnswered(@TempDir Path data) {
    Map<String, Object> slow = Map.of("lunarbase.commands.rate-burst", 3, "lunarbase.commands.rate-per-second", 0.001);
    try (CommandTester tester = CommandTester.start(data, broker.url(), slow, 1)) {
      tester.assertCompleted(tester.command("core.NOOP"));
      tester.assertRejected(tester.command("core.NOOP").key(TestKeys.OPERATOR).signedBy(TestKeys.RANGE_SAFETY),
          Reason.REASON_BAD_MAC); // a forgery costs the key nothing: the anonymous bucket pays
      tester.assertCompleted(tester.command("core.NOOP"));
      tester.assertCompleted(tester.command("core.NOOP"));
      TestCommand over = tester.command("core.NOOP");
      CommandAck limited = tester.assertRejected(over, Reason.REASON_RATE_LIMITED);
      assertThat(limited.getKeyId()).isEqualTo("test-operator");
      assertThat(limited.getRequestId()).as("authenticated: the command is echoed").isEqualTo(over.requestId());

      int acks = tester.acks().size();
      for (int i = 0; i < 20; i++) {
        tester.publish(tester.command("core.NOOP").signed());
      }
      // another key has its own bucket; FIFO, so its acks come after the whole flood was judged
      tester.assertCompleted(tester.command("core.NOOP").key(TestKeys.RANGE_SAFETY));
      assertThat(tester.counters().rejected(Reason.REASON_RATE_LIMITED)).isEqualTo(21);
      assertThat(tester.counters().snapshot().unanswered()).isEqualTo(20);
      assertThat(tester.counters().snapshot().anonymous()).as("only the forgery").isEqualTo(1);
      assertThat(tester.acks().size() - acks).as("the flood got no acks").isEqualTo(2);
      // unanswered refusals take no sequence number: the ack stream has no gap
      List<Long> sequences = tester.acks().stream().map(a -> a.getHeader().getSequence()).toList();
      assertThat(sequences).isEqualTo(LongStream.rangeClosed(1, sequences.size()).boxed().toList());
    }
  }
}
