package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;

/**
 * Every (sequence state, rail command) pair, each reached the way an operator would, with its
 * outcome asserted: the ack (COMPLETED, or FAILED with the reason), the state after, and the
 * hardware safe whenever the state after is SAFE. Then what the command path itself refuses
 * (role, mode) before the sequencer is asked.
 */
class RailStateTableTest {

  @TempDir
  Path data;
  RailTester tester;

  @BeforeEach
  void start() {
    tester = new RailTester(data);
    tester.charged();
  }

  @AfterEach
  void stop() {
    tester.close();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}, {3}")
  @CsvSource(delimiter = '|', textBlock = """
      SAFE    | PLAN_SHOT | STATUS_COMPLETED | SAFE  | sat-0002: 10.000 kg to 70.0 m/s: 1 of 8 stages, planned exit 70.711 m/s, needs 50000 J
      SAFE    | ARM       | STATUS_COMPLETED | ARMING | arming arm 1 for sat-0001: ARMED in 0.500 s if the interlocks hold; token
      SAFE    | FIRE      | STATUS_FAILED    | SAFE  | rail.FIRE refused in SAFE: the rail is not ARMED
      SAFE    | ABORT     | STATUS_COMPLETED | SAFE  | rail rail-1 SAFE (was SAFE; hardware made safe again)
      SAFE    | SAFE      | STATUS_COMPLETED | SAFE  | SAFE, held by range safety: only a range-safety key releases it; rail rail-1 SAFE (was SAFE
      ARMING  | PLAN_SHOT | STATUS_FAILED    | ARMING | rail.PLAN_SHOT refused in ARMING: the plan is locked until the rail is SAFE
      ARMING  | ARM       | STATUS_FAILED    | ARMING | rail.ARM refused in ARMING: already arming (arm 1)
      ARMING  | FIRE      | STATUS_FAILED    | ARMING | rail.FIRE refused in ARMING: not ARMED yet (arm 1 is settling)
      ARMING  | ABORT     | STATUS_COMPLETED | SAFE  | rail rail-1 SAFE (was ARMING)
      ARMING  | SAFE      | STATUS_COMPLETED | SAFE  | SAFE, held by range safety: only a range-safety key releases it; rail rail-1 SAFE (was ARMING)
      ARMED   | PLAN_SHOT | STATUS_FAILED    | ARMED | rail.PLAN_SHOT refused in ARMED: the plan is locked until the rail is SAFE
      ARMED   | ARM       | STATUS_FAILED    | ARMED | rail.ARM refused in ARMED: already armed (arm 1)
      ARMED   | FIRE      | STATUS_COMPLETED | FIRE  | fired arm 1: sat-0001, 1 stage
      ARMED   | ABORT     | STATUS_COMPLETED | SAFE  | rail rail-1 SAFE (was ARMED)
      ARMED   | SAFE      | STATUS_COMPLETED | SAFE  | SAFE, held by range safety: only a range-safety key releases it; rail rail-1 SAFE (was ARMED)
      FIRE    | PLAN_SHOT | STATUS_FAILED    | FIRE  | rail.PLAN_SHOT refused in FIRE: the plan is locked until the rail is SAFE
      FIRE    | ARM       | STATUS_FAILED    | FIRE  | rail.ARM refused in FIRE: a shot is in progress
      FIRE    | FIRE      | STATUS_FAILED    | FIRE  | rail.FIRE refused in FIRE: a shot is in progress
      FIRE    | ABORT     | STATUS_COMPLETED | SAFE  | rail rail-1 SAFE (was FIRE)
      FIRE    | SAFE      | STATUS_COMPLETED | SAFE  | SAFE, held by range safety: only a range-safety key releases it; rail rail-1 SAFE (was FIRE)
      ANALYZE | PLAN_SHOT | STATUS_FAILED    | ANALYZE | rail.PLAN_SHOT refused in ANALYZE: the plan is locked until the rail is SAFE
      ANALYZE | ARM       | STATUS_FAILED    | ANALYZE | rail.ARM refused in ANALYZE: a shot is in progress
      ANALYZE | FIRE      | STATUS_FAILED    | ANALYZE | rail.FIRE refused in ANALYZE: a shot is in progress
      ANALYZE | ABORT     | STATUS_COMPLETED | SAFE  | rail rail-1 SAFE (was ANALYZE)
      ANALYZE | SAFE      | STATUS_COMPLETED | SAFE  | SAFE, held by range safety: only a range-safety key releases it; rail rail-1 SAFE (was ANALYZE)
      """)
  void everyStateAndCommandHasItsOutcome(RailState state, String command, Status outcome, RailState after,
      String text) {
    tester.bringTo(state);
    long armBefore = tester.sequencer.arm();

    String got = outcome == Status.STATUS_COMPLETED ? tester.completed(command(command))
        : tester.failed(command(command));

    assertThat(got).contains(text);
    assertThat(tester.sequencer.state()).isEqualTo(after);
    if (after == RailState.SAFE) {
      tester.assertHardwareSafe();
    }
    if (after == state) {
      assertThat(tester.sequencer.arm()).as("a refused command changes no arm").isEqualTo(armBefore);
    }
    if (command.equals("SAFE")) {
      assertThat(tester.modes.of("rail")).contains(Mode.SAFE);
    }
  }

  private TestCommand command(String name) {
    return switch (name) {
      case "PLAN_SHOT" -> tester.plan("sat-0002", 10, 70);
      case "ARM" -> tester.command("rail.ARM");
      case "FIRE" -> tester.fire(tester.sequencer.liveToken().orElse(RailTester.NO_ARM));
      case "ABORT" -> tester.command("rail.ABORT");
      case "SAFE" -> tester.command("rail.SAFE").key(TestKeys.RANGE_SAFETY);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @Test
  void fireNeedsTheRangeSafetyKeyAndArmFireNeedNominalMode() {
    String arm = tester.armed();

    CommandAck operatorFire = tester.send(tester.command("rail.FIRE").text("arm", arm)).getFirst();
    assertThat(operatorFire.getStatus()).isEqualTo(Status.STATUS_REJECTED);
    assertThat(operatorFire.getReason()).isEqualTo(Reason.REASON_WRONG_ROLE);
    CommandAck operatorSafe = tester.send(tester.command("rail.SAFE")).getFirst();
    assertThat(operatorSafe.getReason()).isEqualTo(Reason.REASON_WRONG_ROLE);
    CommandAck rangeSafetyArm = tester.send(tester.command("rail.ARM").key(TestKeys.RANGE_SAFETY)).getFirst();
    assertThat(rangeSafetyArm.getReason()).isEqualTo(Reason.REASON_WRONG_ROLE);
    assertThat(tester.sequencer.state()).isEqualTo(RailState.ARMED);

    tester.completed(tester.command("rail.ABORT").key(TestKeys.RANGE_SAFETY));
    tester.completed(tester.command("core.RELEASE_HOLD").text("subsystem", "rail").key(TestKeys.RANGE_SAFETY));
    tester.completed(tester.command("core.SET_MODE").text("subsystem", "rail").text("mode", "MAINTENANCE"));
    assertThat(tester.send(tester.command("rail.ARM")).getFirst().getReason()).isEqualTo(Reason.REASON_ILLEGAL_IN_MODE);
    assertThat(tester.send(tester.fire(arm)).getFirst().getReason()).isEqualTo(Reason.REASON_ILLEGAL_IN_MODE);
    tester.completed(tester.plan("sat-0003", 5, 50));
    tester.completed(tester.command("rail.ABORT"));
  }

  @Test
  void badShotArgumentsAreRefusedWithTheirReason() {
    assertThat(tester.send(tester.plan("sat-1", 0, 70)).getFirst().getReason()).isEqualTo(Reason.REASON_OUT_OF_RANGE);
    assertThat(tester.send(tester.plan("sat-1", 10, 20_000)).getFirst().getReason())
        .isEqualTo(Reason.REASON_OUT_OF_RANGE);
    assertThat(tester.send(tester.plan("sat-1", Double.NaN, 70)).getFirst().getReason())
        .isEqualTo(Reason.REASON_OUT_OF_RANGE);
    assertThat(tester.send(tester.command("rail.PLAN_SHOT").text("payload_id", "sat-1").number("mass_kg", 10))
        .getFirst().getReason()).isEqualTo(Reason.REASON_BAD_ARGUMENT);
    assertThat(tester.send(tester.fire(RailTester.NO_ARM).text("extra", "x")).getFirst().getReason())
        .isEqualTo(Reason.REASON_BAD_ARGUMENT);
    CommandAck numbered = tester.send(tester.command("rail.FIRE").integer("arm", 1).key(TestKeys.RANGE_SAFETY))
        .getFirst();
    assertThat(numbered.getReason()).as("an arm named by its number").isEqualTo(Reason.REASON_BAD_ARGUMENT);
    CommandAck garbled = tester.send(tester.fire("9f3c2a1b77e0c4d5")).getFirst();
    assertThat(garbled.getReason()).isEqualTo(Reason.REASON_BAD_ARGUMENT);
    assertThat(garbled.getText()).contains("argument arm must be the arm's token, 4 groups of 4 hex digits");

    assertThat(tester.failed(tester.plan("sat 1/../x", 10, 70))).contains("payload id must be 1 to 64 of");
    assertThat(tester.failed(tester.plan("", 10, 70))).contains("payload id");
    assertThat(tester.failed(tester.plan("lunar-orbiter-7", 10, 1680)))
        .isEqualTo("lunar-orbiter-7 (10.000 kg) to 1680.0 m/s needs 565 stages of 50000 J at efficiency 0.50;"
            + " rail rail-1 has 8 coils (at most 200.0 m/s for this mass)");
    assertThat(tester.sequencer.plan()).isEmpty();
  }
}
