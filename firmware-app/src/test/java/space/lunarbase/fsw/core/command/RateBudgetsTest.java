package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;

/**
 * Who pays for what, on a clock the test moves: a key's budget is spent only by its holder's own
 * fresh commands; forgeries, replays, stale and misdirected copies share the anonymous budget,
 * which only decides whether they are answered; a safing command finding its key's budget empty
 * spends the key's safing reserve, which nothing else can.
 */
class RateBudgetsTest {

  /** Keys: 2 at once, 1 a second; anonymous: 3 answers at once, 1 a second; reserve: 2, 1 a second. */
  static final CommandSettings SETTINGS = new CommandSettings("unused.yml", 32, 2, 1, 3, 1, 2, 1);

  @Test
  void noForgedOrReplayedMessageSpendsTheKeysBudget(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, SETTINGS)) {
      byte[] once = stack.command("core.NOOP", 1).key(TestKeys.RANGE_SAFETY).signed();
      CommandPath.assertCompleted(stack.process(once));
      byte[] forged = once.clone();
      forged[forged.length - 1] ^= 0x40;
      List<CommandAck> answers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        answers.addAll(stack.process(forged));
        answers.addAll(stack.process(once));
        answers.addAll(stack.process(stack.command("core.NOOP", 50 + i).key(TestKeys.RANGE_SAFETY)
            .target("test-site", "ctl-2").signed()));
        answers.addAll(stack.process(stack.command("core.NOOP", 50 + i).key(TestKeys.RANGE_SAFETY)
            .expires(stack.now.get().minusSeconds(1)).signed()));
      }
      assertThat(answers).as("the anonymous budget answers three").hasSize(3)
          .extracting(CommandAck::getReason)
          .containsExactly(Reason.REASON_BAD_MAC, Reason.REASON_REPLAYED, Reason.REASON_WRONG_TARGET);
      assertThat(answers.get(0).getMac().isEmpty()).as("a BAD_MAC is not signed").isTrue();
      assertThat(answers.get(1).getMac().isEmpty()).as("a REPLAYED is: its MAC verified").isFalse();
      AckMacs.assertSigned(answers, TestKeys.ring(), "test-site", "ctl-1");
      assertThat(stack.counters.snapshot().anonymous()).isEqualTo(400);
      assertThat(stack.counters.rejected(Reason.REASON_RATE_LIMITED)).isZero();

      // the key's own budget (2, one spent on the first NOOP) is whole but for that
      CommandPath.assertCompleted(stack.process(stack.command("core.NOOP", 2).key(TestKeys.RANGE_SAFETY).signed()));
      assertThat(stack.process(stack.command("core.NOOP", 3).key(TestKeys.RANGE_SAFETY).signed()))
          .extracting(CommandAck::getReason).containsExactly(Reason.REASON_RATE_LIMITED);
    }
  }

  @Test
  void aRateLimitedCommandKeepsItsCounterAndItsAckIsSigned(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, SETTINGS)) {
      CommandPath.assertCompleted(stack.process(stack.command("core.NOOP", 1).signed()));
      CommandPath.assertCompleted(stack.process(stack.command("core.NOOP", 2).signed()));
      TestCommand third = stack.command("core.NOOP", 3).requestId(33);
      List<CommandAck> limited = stack.process(third.signed());
      assertThat(limited).singleElement().satisfies(ack -> {
        assertThat(ack.getReason()).isEqualTo(Reason.REASON_RATE_LIMITED);
        assertThat(ack.getRequestId()).isEqualTo(33);
        assertThat(ack.getCounter()).isEqualTo(3);
      });
      AckMacs.assertSigned(limited, TestKeys.ring(), "test-site", "ctl-1");
      assertThat(stack.process(third.signed())).as("a repeat inside the run is counted, not answered").isEmpty();

      stack.now.set(stack.now.get().plus(Duration.ofSeconds(1)));
      CommandPath.assertCompleted(stack.process(third.signed()));
    }
  }

  @Test
  void aSafingCommandSpendsItsKeysReserveOnceTheBudgetIsEmptyAndNothingElseCan(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, SETTINGS)) {
      CommandPath.assertCompleted(stack.process(stack.command("core.NOOP", 1).signed()));
      CommandPath.assertCompleted(stack.process(stack.command("core.NOOP", 2).signed()));
      assertThat(stack.process(stack.command("core.SET_MODE", 3).text("subsystem", "bank").text("mode", "MAINTENANCE")
          .signed())).extracting(CommandAck::getReason).as("not safing: no reserve")
          .containsExactly(Reason.REASON_RATE_LIMITED);

      for (int counter = 4; counter <= 5; counter++) {
        CommandPath.assertCompleted(stack.process(stack.command("core.SET_MODE", counter).text("subsystem", "bank")
            .text("mode", "SAFE").signed()));
      }
      assertThat(stack.counters.snapshot().onReserve()).isEqualTo(2);
      List<CommandAck> spent = stack.process(stack.command("core.SET_MODE", 6).text("subsystem", "bank")
          .text("mode", "SAFE").signed());
      assertThat(spent).extracting(CommandAck::getReason).containsExactly(Reason.REASON_RATE_LIMITED);
      assertThat(spent.getFirst().getText()).contains("safing reserve is spent");

      // the other key's reserve is its own
      CommandPath.assertCompleted(stack.process(stack.command("core.NOOP", 1).key(TestKeys.RANGE_SAFETY).signed()));
      assertThat(stack.counters.snapshot().onReserve()).isEqualTo(2);
      assertThat(stack.modes.of("bank")).hasValue(space.lunarbase.fsw.core.mode.Mode.SAFE);
    }
  }

  @Test
  void aRefusalBeforeTheMacVerifiedIsNeverSignedAndAfterItAlwaysIs(@TempDir Path data) {
    try (CommandStack stack = new CommandStack(data, 100, 100)) {
      List<CommandAck> acks = new ArrayList<>();
      acks.addAll(stack.process(new byte[] {1, 2, 3}));
      acks.addAll(stack.process(stack.command("core.NOOP", 1).key(TestKeys.STRANGER).signed()));
      acks.addAll(stack.process(stack.command("core.NOOP", 1).signedBy(TestKeys.RANGE_SAFETY).signed()));
      assertThat(acks).extracting(CommandAck::getReason).containsExactly(Reason.REASON_MALFORMED,
          Reason.REASON_UNKNOWN_KEY, Reason.REASON_BAD_MAC);
      assertThat(acks).allSatisfy(ack -> assertThat(ack.getMac().isEmpty()).isTrue());

      List<CommandAck> signed = new ArrayList<>();
      signed.addAll(stack.process(stack.command("core.NOOP", 1).signed()));
      signed.addAll(stack.process(stack.command("core.SELF_DESTRUCT", 2).signed()));
      signed.addAll(stack.process(stack.command("core.NOOP", 3).flag("extra", true).signed()));
      signed.addAll(stack.process(stack.command("core.RELEASE_HOLD", 4).text("subsystem", "bank").signed()));
      assertThat(signed).extracting(CommandAck::getStatus, CommandAck::getReason).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Status.STATUS_ACCEPTED, Reason.REASON_NONE),
          org.assertj.core.groups.Tuple.tuple(Status.STATUS_COMPLETED, Reason.REASON_NONE),
          org.assertj.core.groups.Tuple.tuple(Status.STATUS_REJECTED, Reason.REASON_UNKNOWN_COMMAND),
          org.assertj.core.groups.Tuple.tuple(Status.STATUS_REJECTED, Reason.REASON_BAD_ARGUMENT),
          org.assertj.core.groups.Tuple.tuple(Status.STATUS_REJECTED, Reason.REASON_WRONG_ROLE));
      assertThat(signed).allSatisfy(ack -> assertThat(space.lunarbase.wire.AckSignature.verifies(ack,
          TestKeys.ring().find(ack.getKeyId()).orElseThrow().secret(), "test-site", "ctl-1")).isTrue());
      assertThat(space.lunarbase.wire.AckSignature.verifies(signed.getFirst(), TestKeys.RANGE_SAFETY.secret(),
          "test-site", "ctl-1")).as("under another key it does not").isFalse();
      assertThat(space.lunarbase.wire.AckSignature.verifies(signed.getFirst(), TestKeys.OPERATOR.secret(),
          "test-site", "ctl-2")).as("for another controller it does not").isFalse();
    }
  }
}
