package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * Floods cannot starve safing: forged copies of range safety's command spend no budget of its key,
 * and a queue full of valid slow commands from an operator whose budget is spent neither refuses
 * nor holds back range safety's {@code rail.SAFE} or the operator's {@code core.SET_MODE rail SAFE}.
 * The real firmware on a real broker.
 */
class SafingUnderFloodTest {

  /** The development key ring, whose range-safety key the attack used. */
  static final String DEV_RING = "../deploy/keys/dev-keys.yml";

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void forgedCopiesOfRangeSafetysCommandDoNotStopItsNextRailSafe(@TempDir Path data) throws Exception {
    Map<String, Object> config = Map.of("lunarbase.commands.key-file", DEV_RING,
        "lunarbase.commands.rate-burst", 2, "lunarbase.commands.rate-per-second", 0.001);
    try (CommandTester tester = CommandTester.start(data, broker.url(), config, 1)) {
      CommandKey rangeSafety = tester.keys().find("dev-range-safety").orElseThrow();
      TestCommand captured = tester.command("rail.SAFE").key(rangeSafety);
      tester.assertCompleted(captured); // what anybody on the broker saw go by
      byte[] forged = captured.signed();
      forged[forged.length - 1] ^= 0x01; // one byte of its MAC flipped

      AtomicInteger sent = new AtomicInteger();
      for (int i = 0; i < 40; i++) {
        tester.publish(forged);
        sent.incrementAndGet();
      }
      ScheduledExecutorService flood = Executors.newSingleThreadScheduledExecutor();
      long floodStarted = System.nanoTime();
      try {
        flood.scheduleAtFixedRate(() -> {
          tester.publish(forged);
          sent.incrementAndGet();
        }, 0, 100, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> tester.counters().rejected(Reason.REASON_BAD_MAC) >= 45);

        TestCommand real = tester.command("rail.SAFE").key(rangeSafety);
        long started = System.nanoTime();
        List<CommandAck> acks = tester.sendVerified(real);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("SAFING-UNDER-FLOOD rail.SAFE completed %.3f s after it was sent, %d forged copies so far%n",
            seconds, sent.get());
        assertThat(acks).extracting(CommandAck::getStatus)
            .containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_COMPLETED);
        assertThat(seconds).as("seconds from send to COMPLETED").isLessThan(2.0);
      } finally {
        flood.shutdown();
        assertThat(flood.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
      }
      double floodSeconds = (System.nanoTime() - floodStarted) / 1e9;
      await().atMost(Duration.ofSeconds(10))
          .until(() -> tester.counters().rejected(Reason.REASON_BAD_MAC) == sent.get());

      CommandStats stats = tester.counters().snapshot();
      List<CommandAck> answered = tester.acks().stream().filter(a -> a.getReason() == Reason.REASON_BAD_MAC).toList();
      assertThat(stats.anonymous()).as("every forgery charged to the anonymous bucket").isEqualTo(sent.get());
      assertThat(stats.unanswered()).isEqualTo(sent.get() - answered.size());
      assertThat(answered.size()).as("answers: the anonymous burst and its refill")
          .isBetween(20, 20 + (int) Math.ceil(2 * floodSeconds) + 1);
      assertThat(answered).as("a refusal of a forgery is not signed: no client takes it for its answer")
          .allSatisfy(a -> assertThat(a.getMac().isEmpty()).isTrue());
      assertThat(tester.counters().rejected(Reason.REASON_RATE_LIMITED)).isZero();
      assertThat(stats.onReserve()).as("it ran on its key's own budget, which the flood did not touch").isZero();
      // that budget (2) paid exactly for range safety's own two commands
      tester.assertRejected(tester.command("core.NOOP").key(rangeSafety), Reason.REASON_RATE_LIMITED);
      assertThat(tester.firmware().getBean(Modes.class).of("rail")).hasValue(Mode.SAFE);
    }
  }

  @Test
  void aQueueFullOfSlowValidCommandsNeitherRefusesNorHoldsBackSafing(@TempDir Path data) throws Exception {
    Map<String, Object> config = Map.of("lunarbase.commands.queue-capacity", 4,
        "lunarbase.commands.rate-burst", 2, "lunarbase.commands.rate-per-second", 0.001);
    try (CommandTester tester = CommandTester.start(data, broker.url(), config, 1)) {
      AtomicBoolean slow = new AtomicBoolean();
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      SimulatedBoard board = (SimulatedBoard) tester.firmware().getBean(Board.class);
      board.bankSim().orElseThrow().pins().onPwm(CommandingTest.CHARGER_PWM, (address, state) -> {
        if (slow.get() && Thread.currentThread().getName().equals("cmd-dispatch")) {
          entered.countDown();
          try {
            release.await(20, TimeUnit.SECONDS); // a charger driver that takes its time
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "MAINTENANCE"));

      slow.set(true);
      TestCommand first = tester.command("bank.SET_CHARGE_CURRENT").number("amps", 1); // the operator's last token
      tester.publish(first.signed());
      assertThat(entered.await(10, TimeUnit.SECONDS)).as("the dispatcher is in the slow command").isTrue();
      // signed now, sent after the flood: the flood's counters are above it and stay fresh
      TestCommand railModeSafe = tester.command("core.SET_MODE").text("subsystem", "rail").text("mode", "SAFE");
      List<TestCommand> flood = new java.util.ArrayList<>();
      for (int i = 0; i < 30; i++) {
        TestCommand command = tester.command("bank.SET_CHARGE_CURRENT").number("amps", 2 + i % 2);
        flood.add(command);
        tester.publish(command.signed());
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> tester.counters().snapshot().dropped() == 22);
      assertThat(tester.counters().snapshot().queueDepth()).as("4 waiting, 4 more let in BUSY").isEqualTo(8);

      TestCommand railSafe = tester.command("rail.SAFE").key(TestKeys.RANGE_SAFETY);
      int acksBefore = tester.acks().size();
      tester.publish(railSafe.signed());
      tester.publish(railModeSafe.signed());
      await().atMost(Duration.ofSeconds(10)).until(() -> tester.counters().snapshot().expedited() == 2);
      assertThat(tester.counters().snapshot().dropped()).as("neither was dropped").isEqualTo(22);

      slow.set(false);
      long released = System.nanoTime();
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> completed(tester, railSafe) && completed(tester, railModeSafe));
      System.out.printf("SAFING-UNDER-FLOOD both safing commands completed %.3f s after the slow command was released%n",
          (System.nanoTime() - released) / 1e9);

      List<CommandAck> after = tester.acks().subList(acksBefore, tester.acks().size());
      AckMacs.assertSigned(after, tester.keys(), "test-site", "ctl-1");
      List<Long> order = after.stream().map(CommandAck::getRequestId).distinct().toList();
      assertThat(order.subList(0, 3)).as("the slow command, then the two safing commands ahead of the queue")
          .containsExactly(first.requestId(), railSafe.requestId(), railModeSafe.requestId());
      assertThat(tester.counters().rejected(Reason.REASON_BUSY)).isZero();
      assertThat(tester.counters().snapshot().onReserve()).as("the operator's budget was spent: its reserve paid")
          .isEqualTo(1);
      assertThat(tester.firmware().getBean(Modes.class).of("rail")).hasValue(Mode.SAFE);
      // what was queued behind them met the operator's empty budget
      await().atMost(Duration.ofSeconds(10)).until(() -> tester.counters().snapshot().queueDepth() == 0);
      assertThat(tester.counters().rejected(Reason.REASON_RATE_LIMITED)).isEqualTo(8);
      assertThat(flood).as("none of the flood ran").noneMatch(c -> completed(tester, c));
    }
  }

  private static boolean completed(CommandTester tester, TestCommand command) {
    return tester.acks().stream().anyMatch(a -> a.getRequestId() == command.requestId()
        && a.getStatus() == Status.STATUS_COMPLETED);
  }
}
