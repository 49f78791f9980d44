package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.time.ClockScripts;
import space.lunarbase.hal.board.RailRatings;
import space.lunarbase.proto.v1.CommandAck.Reason;

/**
 * Time-critical commands (rail.ARM, rail.FIRE) are REJECTED CLOCK_NOT_SYNCHRONISED while the
 * board's clock is not synchronised, through the command path with the real {@code SystemClockSync}
 * asking scripts that stand in for timedatectl; other commands go on. CLOCK_SYNC_LOST and
 * CLOCK_SYNC_REGAINED when the answer changes at a poll.
 */
class TimeCriticalCommandTest {

  @TempDir
  Path data;

  @Test
  void armAndFireWaitForASynchronisedClock() throws Exception {
    Path bin = Files.createDirectories(data.resolve("bin"));
    ClockScripts clock = new ClockScripts(bin).timedatectl("no");
    try (RailTester tester = new RailTester(data.resolve("controller"), true, RailRatings.DEFAULT, clock.source())) {
      assertThat(tester.events("CLOCK_SYNC_LOST").getFirst().getText()).startsWith("clock not synchronised at start");
      tester.charged();
      tester.completed(tester.plan());
      assertThat(tester.rejected(tester.command("rail.ARM"), Reason.REASON_CLOCK_NOT_SYNCHRONISED))
          .startsWith("rail.ARM is time-critical and the controller's clock is not synchronised (timedatectl"
              + " NTPSynchronized: no (the kernel's clock is unsynchronised)) as of ");
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);

      clock.timedatectl("yes");
      assertThat(tester.path().clockSync().poll().synchronised()).isTrue();
      assertThat(tester.events("CLOCK_SYNC_REGAINED")).hasSize(1);
      String token = tester.arm();

      clock.timedatectl("no");
      tester.path().clockSync().poll();
      assertThat(tester.events("CLOCK_SYNC_LOST")).hasSize(2);
      tester.rejected(tester.fire(token), Reason.REASON_CLOCK_NOT_SYNCHRONISED);
      assertThat(tester.sequencer.state()).isEqualTo(RailState.ARMED);
      tester.completed(tester.command("core.NOOP"));
      tester.completed(tester.command("rail.ABORT").key(TestKeys.RANGE_SAFETY));
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
    }
  }
}
