package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Event;

/**
 * Range safety's hold, through the command path: whatever range safety makes SAFE (rail.SAFE, its
 * rail.ABORT, its core.SET_MODE ... SAFE) stays SAFE until a range-safety key releases it; an
 * operator's attempt is REJECTED HELD naming the hold; the hold is kept across a restart, and a
 * holds file that cannot be read holds everything.
 */
class RangeSafetyHoldTest {

  @TempDir
  Path data;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rail.SAFE", "rail.ABORT", "core.SET_MODE"})
  void whatRangeSafetyMadeSafeOnlyRangeSafetyReleases(String safing) {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      tester.armed();
      TestCommand safe = safing.equals("core.SET_MODE")
          ? tester.command(safing).text("subsystem", "rail").text("mode", "SAFE") : tester.command(safing);
      assertThat(tester.completed(safe.key(TestKeys.RANGE_SAFETY))).contains("SAFE, held by range safety");
      tester.cycle();
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      assertThat(tester.modes.of("rail")).contains(Mode.SAFE);
      Event set = tester.events("HOLD_SET").getLast();
      assertThat(set.getArgsMap()).containsEntry("subsystem", "rail").containsEntry("key", "test-range-safety");
      assertThat(set.getArgsMap().get("cause")).contains(safing);

      String refused = tester.rejected(setMode(tester, "rail", "NOMINAL"), Reason.REASON_HELD);
      assertThat(refused).startsWith("rail is held SAFE by range safety since ").contains("key test-range-safety")
          .contains(safing).endsWith("only a range-safety key releases it (core.RELEASE_HOLD subsystem=rail, or its"
              + " own core.SET_MODE)");
      tester.rejected(setMode(tester, "rail", "MAINTENANCE"), Reason.REASON_HELD);
      tester.rejected(tester.command("rail.ARM"), Reason.REASON_ILLEGAL_IN_MODE);
      tester.rejected(tester.command("core.RELEASE_HOLD").text("subsystem", "rail"), Reason.REASON_WRONG_ROLE);
      assertThat(tester.modes.of("rail")).contains(Mode.SAFE);

      assertThat(tester.completed(tester.command("core.RELEASE_HOLD").text("subsystem", "rail")
          .key(TestKeys.RANGE_SAFETY))).isEqualTo("rail: range-safety hold released; it stays SAFE until its mode is set");
      assertThat(tester.events("HOLD_RELEASED").getLast().getArgsMap()).containsEntry("subsystem", "rail")
          .containsEntry("key", "test-range-safety");
      assertThat(tester.modes.of("rail")).contains(Mode.SAFE);
      tester.completed(setMode(tester, "rail", "NOMINAL"));
      tester.arm();
    }
  }

  @Test
  void rangeSafetysOwnSetModeReleasesItsHold() {
    try (RailTester tester = new RailTester(data)) {
      tester.completed(setMode(tester, "rail", "SAFE").key(TestKeys.RANGE_SAFETY));
      assertThat(tester.completed(setMode(tester, "rail", "NOMINAL").key(TestKeys.RANGE_SAFETY)))
          .isEqualTo("rail SAFE -> NOMINAL (range-safety hold released)");
      assertThat(tester.path().holds.of("rail")).isEmpty();
      tester.completed(setMode(tester, "rail", "SAFE"));
      tester.completed(setMode(tester, "rail", "NOMINAL"));
    }
  }

  @Test
  void anOperatorsAbortAndSafeModeHoldNothing() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      tester.armed();
      tester.completed(tester.command("rail.ABORT"));
      tester.completed(setMode(tester, "rail", "SAFE"));
      assertThat(tester.events("HOLD_SET")).isEmpty();
      tester.completed(setMode(tester, "rail", "NOMINAL"));
      tester.arm();
    }
  }

  @Test
  void anySubsystemRangeSafetySafesIsHeld() {
    try (RailTester tester = new RailTester(data)) {
      tester.completed(setMode(tester, "tracker", "SAFE").key(TestKeys.RANGE_SAFETY));
      assertThat(tester.rejected(setMode(tester, "tracker", "NOMINAL"), Reason.REASON_HELD))
          .startsWith("tracker is held SAFE by range safety");
      tester.completed(setMode(tester, "rail", "MAINTENANCE"));
      assertThat(tester.modes.of("tracker")).contains(Mode.SAFE);
    }
  }

  @Test
  void aHoldSurvivesARestartAndAHeldSubsystemStartsSafe() {
    try (RailTester before = new RailTester(data)) {
      before.completed(before.command("rail.SAFE").key(TestKeys.RANGE_SAFETY));
      before.completed(setMode(before, "tracker", "SAFE").key(TestKeys.RANGE_SAFETY));
    }
    assertThat(data.resolve("range-safety/holds")).exists();
    try (RailTester after = new RailTester(data)) {
      assertThat(after.modes.of("tracker")).as("the tracker starts NOMINAL unless held").contains(Mode.SAFE);
      assertThat(after.modes.cause("tracker").orElseThrow()).startsWith("start: held SAFE by range safety since")
          .contains("key test-range-safety");
      assertThat(after.modes.of("rail")).contains(Mode.SAFE);
      assertThat(after.rejected(setMode(after, "rail", "NOMINAL"), Reason.REASON_HELD)).contains("rail.SAFE");
      assertThat(after.rejected(setMode(after, "tracker", "NOMINAL"), Reason.REASON_HELD)).contains("core.SET_MODE");
      after.completed(after.command("core.RELEASE_HOLD").text("subsystem", "tracker").key(TestKeys.RANGE_SAFETY));
      after.completed(setMode(after, "tracker", "NOMINAL"));
    }
    try (RailTester again = new RailTester(data)) {
      assertThat(again.modes.of("tracker")).as("released before the restart").contains(Mode.NOMINAL);
      assertThat(again.path().holds.of("rail")).isPresent();
    }
  }

  @Test
  void aHoldsFileThatCannotBeReadHoldsEverySubsystem() throws Exception {
    Files.createDirectories(data.resolve("range-safety"));
    Files.writeString(data.resolve("range-safety/holds"), "# lunarbase range-safety holds v1\nrail\tx\n");
    try (RailTester tester = new RailTester(data)) {
      assertThat(tester.events("HOLDS_NOT_LOADED").getFirst().getText()).contains("every subsystem is held SAFE");
      for (String subsystem : Modes.SUBSYSTEMS) {
        assertThat(tester.modes.of(subsystem)).as(subsystem).contains(Mode.SAFE);
        assertThat(tester.path().holds.of(subsystem)).as(subsystem).isPresent();
      }
      assertThat(data.resolve("range-safety/holds.corrupt")).exists();
      tester.rejected(setMode(tester, "tracker", "NOMINAL"), Reason.REASON_HELD);
    }
  }

  private static TestCommand setMode(RailTester tester, String subsystem, String mode) {
    return tester.command("core.SET_MODE").text("subsystem", subsystem).text("mode", mode);
  }
}
