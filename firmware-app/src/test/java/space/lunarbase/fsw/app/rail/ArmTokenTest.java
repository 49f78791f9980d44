package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.RailTelemetry;

/**
 * Arms are named by unguessable tokens, through the command path: each ARM draws 64 random bits,
 * given in its ack and on tlm/rail while ARMING or ARMED (and only then); FIRE must carry the
 * current one. A guessed token, a token of an earlier arm, and the first arm's token of an earlier
 * boot are FAILED with the reason, and the rail stays ARMED for the right one.
 */
class ArmTokenTest {

  @TempDir
  Path data;

  @Test
  void everyArmHasAFreshTokenPublishedOnlyWhileItLives() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      tester.completed(tester.plan());
      Set<String> tokens = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        String token = tester.arm();
        assertThat(token).matches("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}");
        assertThat(tokens.add(token)).as("arm %d's token %s is new", i + 1, token).isTrue();
        tester.completed(tester.command("rail.ABORT"));
        RailTelemetry safe = tester.railFrames().getLast();
        assertThat(safe.getSequence()).isEqualTo(RailTelemetry.Sequence.SEQUENCE_SAFE);
        assertThat(safe.getArmToken()).as("no token once the arm is abandoned").isEmpty();
      }
      assertThat(tester.sequencer.arm()).isEqualTo(20);
      assertThat(tester.railFrames()).filteredOn(f -> f.getSequence() == RailTelemetry.Sequence.SEQUENCE_ARMING)
          .allSatisfy(f -> assertThat(f.getArmToken()).isNotEmpty());
    }
  }

  @Test
  void aGuessedTokenIsRefusedAndTheArmStaysForTheRightOne() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      String token = tester.armed();
      assertThat(tester.failed(tester.fire(RailTester.NO_ARM))).isEqualTo("rail.FIRE refused in ARMED: token "
          + RailTester.NO_ARM + " is not the current arm's (no arm of this boot had it); arm 1 is ARMED: a FIRE"
          + " carries the token its ARM gave");
      String nextToIt = token.substring(0, 18) + (token.endsWith("0") ? "1" : "0");
      assertThat(tester.failed(tester.fire(nextToIt))).contains("token " + nextToIt + " is not the current arm's");
      assertThat(tester.sequencer.state()).isEqualTo(RailState.ARMED);
      assertThat(tester.completed(tester.fire(token.toUpperCase()))).as("hex in either case")
          .isEqualTo("fired arm 1: sat-0001, 1 stage");
    }
  }

  @Test
  void theFirstArmOfTheNextBootHasAnotherToken() {
    String first;
    try (RailTester before = new RailTester(data)) {
      before.charged();
      first = before.armed();
    }
    try (RailTester after = new RailTester(data)) {
      after.charged();
      String again = after.armed();
      assertThat(after.sequencer.arm()).as("arm 1 of this boot too").isEqualTo(1);
      assertThat(again).isNotEqualTo(first);
      assertThat(after.failed(after.fire(first))).contains("token " + first + " is not the current arm's");
      assertThat(after.sequencer.state()).isEqualTo(RailState.ARMED);
      assertThat(after.railSim.plant().energyUsedJ()).isZero();
    }
  }
}
