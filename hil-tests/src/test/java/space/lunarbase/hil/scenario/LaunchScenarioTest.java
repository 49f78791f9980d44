package space.lunarbase.hil.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.hil.rig.Args;
import space.lunarbase.hil.rig.EventMatch;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.RailTelemetry.Sequence;
import space.lunarbase.proto.v1.SequenceEntry;
import space.lunarbase.proto.v1.ShotReport;
import space.lunarbase.proto.v1.Value;

/**
 * Scenario 3, a full launch: the bank charged to READY, a 10 kg payload planned to 70 m/s, armed,
 * fired by range safety with the arm's token (from the ARM's ack, as tlm/rail publishes it), and
 * the shot analysed from the gate timestamps on
 * {@code tlm/shot}, its exit speed compared with the sled plant's true exit speed. On the way every
 * refusal the rail's table promises: FIRE in rail mode SAFE (ILLEGAL_IN_MODE), in sequence SAFE,
 * in ARMING, after an abort mid-arming, after the arm window expired, with an earlier arm's token,
 * a guessed token or an arm number, as an entry of a sequence, with the operator's key, and during
 * the shot itself (FIRE / ANALYZE, reached by slowing the simulated clock to 1/50 of real time while
 * the sled flies).
 *
 * <p>Settings: the balance band widened to 0.2 V so READY follows the bulk charge (2.4 V a cell at
 * 90 A, the firmware's RailShotTest set-up), charged at 10x real time; then real time with
 * {@code rail.arm-settle-s} 2 s (ARMING long enough to command into) and {@code rail.arm-window-s}
 * 4 s (an expiry without a long wait).
 */
class LaunchScenarioTest {

  static final String RANGE_SAFETY = "dev-range-safety";
  static final String PAYLOAD = "sat-0001";
  static final double MASS_KG = 10;
  static final double SPEED_MPS = 70;
  /** A well-formed arm token no arm has (a guess: right once in 2^64). */
  static final String NO_ARM = "0000-0000-0000-0000";
  static final Pattern TOKEN = Pattern.compile("token ([0-9a-f]{4}(?:-[0-9a-f]{4}){3})");

  @RegisterExtension
  final Scenario scenario = Scenario.of("3", "A full launch",
      "Charge to READY, PLAN_SHOT, ARM, FIRE (range safety, fresh arm), shot analysis against the plant's true exit"
          + " speed; abort mid-arming, arm expiry, and FIRE refused in every state but ARMED.");

  @Test
  void aPlannedArmedAndFiredShotIsAnalysedToThePlantsTrueSpeed() {
    Rig rig = scenario.start(RigOptions.defaults().clockRate(10).bankSamplePeriod("1s").with(
        "--lunarbase.parameters.bank.balance-band-v=0.2",
        "--lunarbase.parameters.rail.arm-settle-s=2",
        "--lunarbase.parameters.rail.arm-window-s=4"));
    EventMatch railState = EventMatch.named("RAIL_STATE_CHANGED");

    // rail mode SAFE at start: FIRE is illegal in the mode
    var illegal = rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", NO_ARM), Status.STATUS_REJECTED);
    assertThat(illegal.last().getReason()).isEqualTo(Reason.REASON_ILLEGAL_IN_MODE);

    // the bank to READY
    long chargeStart = System.nanoTime();
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "bank", "mode", "NOMINAL"), Status.STATUS_COMPLETED);
    rig.sendAndAwaitAck("bank.CHARGE", Args.of("cell_volts", 2.4, "amps", 90.0), Status.STATUS_COMPLETED);
    BankTelemetry ready = rig.awaitTelemetry("bank", f -> f.getBank().getReady(), Duration.ofSeconds(60)).getBank();
    double chargeWall = (System.nanoTime() - chargeStart) / 1e9;
    rig.setClockRate(1);

    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "rail", "mode", "NOMINAL"), Status.STATUS_COMPLETED);
    assertThat(failed(rig, rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", NO_ARM), Status.STATUS_FAILED)))
        .isEqualTo("rail.FIRE refused in SAFE: the rail is not ARMED");
    Mark planning = rig.mark();
    var planned = rig.sendAndAwaitAck("rail.PLAN_SHOT", Args.of("payload_id", PAYLOAD, "mass_kg", MASS_KG,
        "exit_speed_mps", SPEED_MPS), Status.STATUS_COMPLETED);
    ShotReport plan = rig.awaitTelemetry(planning, "shot", f -> f.getShot().getPayloadId().equals(PAYLOAD), Rig.TIMEOUT).getShot();
    assertThat(plan.getPlannedExitSpeedMps()).isGreaterThanOrEqualTo(SPEED_MPS);

    // arm 1: FIRE while settling refused, then aborted mid-arming
    Mark arm1 = rig.mark();
    String armed1 = rig.sendAndAwaitAck("rail.ARM", Args.none(), Status.STATUS_COMPLETED).last().getText();
    assertThat(armed1).startsWith("arming arm 1 for " + PAYLOAD);
    String token1 = token(armed1);
    assertThat(rig.awaitTelemetry(arm1, "rail", f -> !f.getRail().getArmToken().isEmpty(), Rig.TIMEOUT).getRail()
        .getArmToken()).as("tlm/rail publishes the ARM's token").isEqualTo(token1);
    assertThat(failed(rig, rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", token1), Status.STATUS_FAILED)))
        .startsWith("rail.FIRE refused in ARMING: not ARMED yet");
    rig.sendAndAwaitAck("rail.ABORT", Args.none(), Status.STATUS_COMPLETED);
    Event aborted = rig.awaitEvent(arm1, EventMatch.named("RAIL_ABORTED"), e -> true, Rig.TIMEOUT);
    assertThat(aborted.getArgsMap()).containsEntry("from", "ARMING");
    rig.awaitTelemetry(arm1, "rail", f -> f.getRail().getSequence() == Sequence.SEQUENCE_SAFE
        && !f.getRail().getArmOutput() && !f.getRail().getFirePermitOutput(), Rig.TIMEOUT);
    assertThat(rig.plantTruth().path("rail").path("frontEndArmed").asBoolean()).as("front-end disarmed").isFalse();
    assertThat(failed(rig, rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", token1), Status.STATUS_FAILED)))
        .startsWith("rail.FIRE refused in SAFE");
    rig.assertNoEvent(EventMatch.named("SHOT_FIRED"), arm1);

    // arm 2: ARMED, left unused until its window closes
    Mark arm2 = rig.mark();
    String token2 = token(rig.sendAndAwaitAck("rail.ARM", Args.none(), Status.STATUS_COMPLETED).last().getText());
    rig.awaitEvent(arm2, railState, e -> "ARMED".equals(e.getArgsMap().get("to")), Rig.TIMEOUT);
    assertThat(failed(rig, rig.sendAndAwaitAck("rail.PLAN_SHOT", Args.of("payload_id", "other", "mass_kg", 1.0,
        "exit_speed_mps", 10.0), Status.STATUS_FAILED))).startsWith("rail.PLAN_SHOT refused in ARMED");
    rig.awaitEvent(arm2, EventMatch.named("ARM_EXPIRED"), e -> true, Duration.ofSeconds(15));
    assertThat(failed(rig, rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", token2), Status.STATUS_FAILED)))
        .startsWith("rail.FIRE refused in SAFE");

    // arm 3: a stale token, a guessed one, an arm number, a FIRE kept in a sequence and the operator's key
    // refused, then the real FIRE
    Mark arm3 = rig.mark();
    String token3 = token(rig.sendAndAwaitAck("rail.ARM", Args.none(), Status.STATUS_COMPLETED).last().getText());
    rig.awaitEvent(arm3, railState, e -> "ARMED".equals(e.getArgsMap().get("to")), Rig.TIMEOUT);
    assertThat(rig.awaitTelemetry(arm3, "rail", f -> f.getRail().getSequence() == Sequence.SEQUENCE_ARMED, Rig.TIMEOUT)
        .getRail().getArmToken()).isEqualTo(token3);
    assertThat(List.of(token1, token2, token3)).doesNotHaveDuplicates();
    assertThat(failed(rig, rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", token2), Status.STATUS_FAILED)))
        .contains("token " + token2 + " is arm 2's, spent or abandoned; arm 3 is ARMED");
    assertThat(failed(rig, rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", NO_ARM), Status.STATUS_FAILED)))
        .contains("token " + NO_ARM + " is not the current arm's");
    assertThat(rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", 3L), Status.STATUS_REJECTED).last()
        .getReason()).as("an arm named by its number").isEqualTo(Reason.REASON_BAD_ARGUMENT);
    var inSequence = rig.sendAndAwaitAck(RANGE_SAFETY, "seq.LOAD", Args.of("slot", 1L, "sequence", fireInASequence(token3)),
        Status.STATUS_REJECTED);
    assertThat(inSequence.last().getReason()).isEqualTo(Reason.REASON_BAD_ARGUMENT);
    assertThat(inSequence.last().getText()).isEqualTo("entry 1 (rail.FIRE): rail.FIRE is never run from a stored"
        + " sequence: send it directly");
    var wrongRole = rig.sendAndAwaitAck("rail.FIRE", Args.of("arm", token3), Status.STATUS_REJECTED);
    assertThat(wrongRole.last().getReason()).isEqualTo(Reason.REASON_WRONG_ROLE);
    rig.assertNoEvent(EventMatch.named("SHOT_FIRED"), arm1);
    double bankBefore = rig.plantTruth().path("bank").path("energyJ").asDouble();

    rig.setClockRate(0.02); // the sled flies in slow motion: FIRE and ANALYZE last long enough to command into
    Mark fire = rig.mark();
    rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", token3), Status.STATUS_COMPLETED);
    assertThat(failed(rig, rig.sendAndAwaitAck(RANGE_SAFETY, "rail.FIRE", Args.of("arm", token3), Status.STATUS_FAILED)))
        .matches("rail\\.FIRE refused in (FIRE|ANALYZE): a shot is in progress");
    rig.setClockRate(1);
    ShotReport shot = rig.awaitTelemetry(fire, "shot", f -> f.getShot().getAnalyzed(), Rig.TIMEOUT).getShot();
    rig.awaitEvent(fire, EventMatch.named("SHOT_ANALYZED"), e -> true, Rig.TIMEOUT);
    rig.awaitTelemetry(fire, "rail", f -> f.getRail().getSequence() == Sequence.SEQUENCE_SAFE, Rig.TIMEOUT);
    // the plant knows the exit speed once the sled has left the rail's end, after the last gate
    JsonNode sled = rig.awaitPlant(p -> p.path("rail").path("exitSpeedMps").asDouble() > 0, "the sled off the rail",
        Rig.TIMEOUT).path("rail");

    assertThat(rig.events(fire, railState)).extracting(e -> e.getArgsMap().get("to"))
        .containsSubsequence("FIRE", "ANALYZE", "SAFE");
    assertThat(shot.getArm()).isEqualTo(3);
    assertThat(shot.getAnomaliesList()).as("anomalies").isEmpty();
    assertThat(shot.hasExitSpeedMps()).isTrue();
    double truth = sled.path("exitSpeedMps").asDouble();
    double measured = shot.getExitSpeedMps();
    assertThat(measured).as("exit speed from the gates vs the plant's truth").isCloseTo(truth, within(0.01));
    assertThat(measured).as("exit speed vs the plan (rail.speed-tolerance-pct 2 %)")
        .isCloseTo(shot.getPlannedExitSpeedMps(), within(0.02 * shot.getPlannedExitSpeedMps()));
    assertThat(shot.getGatesCount()).isGreaterThan(1);
    double bankAfter = rig.plantTruth().path("bank").path("energyJ").asDouble();

    rig.figure("bank READY at 2.4 V a cell (90 A, band 0.2 V, 10x)", "%.1f s real, available %.1f kJ".formatted(
        chargeWall, ready.getAvailableEnergyJ() / 1e3));
    rig.figure("plan", planned.last().getText());
    rig.figure("exit speed: gates / plant truth / plan", "%.6f / %.6f / %.3f m/s".formatted(measured, truth,
        shot.getPlannedExitSpeedMps()));
    rig.figure("exit speed error vs truth", "%.2e m/s".formatted(measured - truth));
    rig.figure("gate crossings", Integer.toString(shot.getGatesCount()));
    rig.figure("segment speeds", shot.getSegmentSpeedMpsList().toString());
    rig.figure("bank energy drawn (plant)", "%.1f kJ (firmware: %s)".formatted((bankBefore - bankAfter) / 1e3,
        shot.hasEnergyUsedJ() ? "%.1f kJ".formatted(shot.getEnergyUsedJ() / 1e3) : "n/a"));
    rig.figure("arm tokens (64 random bits each)", String.join(", ", token1, token2, token3));
    rig.note("FIRE refused: rail mode SAFE (REJECTED ILLEGAL_IN_MODE), SAFE, ARMING, after ABORT, after ARM_EXPIRED,"
        + " an earlier arm's token, a guessed token, an arm number (BAD_ARGUMENT), in a sequence (seq.LOAD REJECTED),"
        + " the operator's key (WRONG_ROLE), and during the shot (FIRE/ANALYZE at 1/50 real time).");
  }

  private static String failed(Rig rig, Rig.CommandResult result) {
    return result.last().getText();
  }

  /** The arm token an ARM's ack gives ({@code ... token 9f3c-2a1b-77e0-c4d5 ...}). */
  private static String token(String armAck) {
    Matcher m = TOKEN.matcher(armAck);
    assertThat(m.find()).as("a token in '" + armAck + "'").isTrue();
    return m.group(1);
  }

  /** A sequence whose one entry is rail.FIRE of {@code token}: no sequence may fire. */
  private static Value fireInASequence(String token) {
    space.lunarbase.proto.v1.Sequence sequence = space.lunarbase.proto.v1.Sequence.newBuilder().setName("fire")
        .addEntries(SequenceEntry.newBuilder().setRelativeNs(1_000_000_000L).setCommand("rail.FIRE")
            .putArgs("arm", Value.newBuilder().setText(token).build()))
        .build();
    return Value.newBuilder().setData(sequence.toByteString()).build();
  }
}
