package space.lunarbase.fsw.core.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.EntryResult;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SequenceSlot;
import space.lunarbase.proto.v1.SequenceSlot.State;
import space.lunarbase.proto.v1.SequenceTelemetry;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * Stored sequences as a component, F Prime style: seq commands in over a real broker on the real
 * firmware; acks (the entries' too), events and tlm/seq frames out; the simulation clock stopped
 * and stepped 10 ms at a time, so every time is exact. Each test uses its own slot.
 */
class SequencingTest {

  /** One check period of the scheduler (10 Hz) plus one step of the stepped clock. */
  static final Duration WITHIN = Duration.ofMillis(110);
  static final Duration SECOND = Duration.ofSeconds(1);

  static MosquittoBroker broker;
  static CommandTester commands;
  static SequenceTester seq;
  static Path data;

  @BeforeAll
  static void start(@TempDir Path dir) {
    data = dir;
    broker = MosquittoBroker.start();
    commands = CommandTester.start(data, broker.url(), Map.of("lunarbase.commands.rate-burst", 1000,
        "lunarbase.sequences.slots", 12, "lunarbase.sequences.max-entries", 20,
        "lunarbase.sequences.max-bytes", 2048), 1);
    seq = new SequenceTester(commands);
  }

  @AfterAll
  static void stop() {
    commands.close();
    broker.close();
  }

  /** No test leaves a sequence running into the next one's time. */
  @AfterEach
  void stopEverySequence() {
    Sequencer sequencer = commands.firmware().getBean(Sequencer.class);
    for (int slot = 1; slot <= sequencer.slotCount(); slot++) {
      State state = sequencer.state(slot);
      if (state == State.STATE_RUNNING || state == State.STATE_PAUSED) {
        seq.commands().assertCompleted(seq.slotCommand("ABORT", slot).key(TestKeys.OPERATOR));
      }
    }
    Modes modes = commands.firmware().getBean(Modes.class);
    for (String subsystem : List.of("bank", "tracker")) {
      if (modes.of(subsystem).orElseThrow() != Mode.NOMINAL) {
        commands.assertCompleted(commands.command("core.SET_MODE").text("subsystem", subsystem).text("mode", "NOMINAL"));
      }
    }
  }

  // -- running

  @Test
  void relativeEntriesRunAtTheirTimesThroughTheDispatcherMarkedAsTheSequences() {
    TestCommand load = seq.loaded(1, TestSequence.named("relative")
        .after(SECOND, "core.NOOP")
        .after(Duration.ofSeconds(2), "core.SET_MODE", "subsystem", "tracker", "mode", "MAINTENANCE")
        .after(Duration.ZERO, "core.SET_MODE", "subsystem", "tracker", "mode", "NOMINAL"));
    SequenceSlot loaded = seq.awaitSlot(1, s -> s.getState() == State.STATE_LOADED && s.getName().equals("relative"));
    assertThat(loaded.getName()).isEqualTo("relative");
    assertThat(loaded.getEntriesTotal()).isEqualTo(3);
    assertThat(loaded.getLoadedBy()).isEqualTo("test-operator");

    Instant start = seq.time().now();
    commands.assertCompleted(seq.slotCommand("RUN", 1));
    seq.stepUntil(() -> seq.now(1).getState() == State.STATE_DONE, Duration.ofSeconds(4));

    List<CommandAck> outcomes = awaitEntryOutcomes(load, 3);
    assertThat(outcomes).extracting(CommandAck::getStatus).containsOnly(Status.STATUS_COMPLETED);
    assertThat(outcomes).extracting(a -> a.getSequence().getEntry()).containsExactly(1, 2, 3);
    assertThat(outcomes).allSatisfy(a -> {
      assertThat(a.getSequence().getSlot()).isEqualTo(1);
      assertThat(a.getSequence().getName()).isEqualTo("relative");
      assertThat(a.getKeyId()).isEqualTo("test-operator");
      assertThat(a.getCounter()).isEqualTo(load.body().getCounter());
    });
    assertThat(seq.entryAcks(load)).extracting(CommandAck::getStatus).containsExactly(Status.STATUS_ACCEPTED,
        Status.STATUS_COMPLETED, Status.STATUS_ACCEPTED, Status.STATUS_COMPLETED, Status.STATUS_ACCEPTED,
        Status.STATUS_COMPLETED);
    // due at +1 s, +3 s, +3 s of the run's start: never before, at most one check period after
    List<EntryResult> results = seq.awaitResults(1, "relative", 3);
    assertRanWithin(results.get(0), start.plus(SECOND));
    assertRanWithin(results.get(1), start.plusSeconds(3));
    assertRanWithin(results.get(2), start.plusSeconds(3));

    Event completed = commands.awaitEvent("COMMAND_COMPLETED", e -> "relative".equals(e.getArgsMap().get("sequence"))
        && "2".equals(e.getArgsMap().get("entry")));
    assertThat(completed.getArgsMap()).containsEntry("slot", "1").containsEntry("command", "core.SET_MODE");
    assertThat(completed.getText()).contains("sequence 'relative' slot 1 entry 2");
    Event mode = commands.awaitEvent("MODE_CHANGED", e -> e.getArgsMap().get("cause").contains("'relative'")
        && "MAINTENANCE".equals(e.getArgsMap().get("to")));
    assertThat(mode.getArgsMap().get("cause")).contains("sequence 'relative' slot 1 entry 2")
        .contains("loaded with key test-operator");
    Event done = commands.awaitEvent("SEQUENCE_COMPLETED", e -> "1".equals(e.getArgsMap().get("slot")));
    assertThat(done.getId()).isEqualTo(2606);
    assertThat(done.getSubsystem()).isEqualTo("seq");
    assertThat(done.getText()).contains("'relative' done: 3 entries, 0 failed");
    SequenceSlot finished = seq.awaitSlot(1, s -> s.getState() == State.STATE_DONE && s.getName().equals("relative"));
    assertThat(finished.getEntriesDone()).isEqualTo(3);
    assertThat(finished.getNextEntry()).isZero();
  }

  @Test
  void absoluteEntriesRunAtTheirTimeAndATimeAlreadyPastIsRefusedAtLoadAndAtRun() {
    Instant now = seq.time().now();
    TestCommand load = seq.loaded(2, TestSequence.named("absolute")
        .at(now.plusMillis(2_345), "core.NOOP")
        .after(Duration.ofMillis(500), "core.NOOP"));
    commands.assertCompleted(seq.slotCommand("RUN", 2));
    seq.stepUntil(() -> seq.now(2).getState() == State.STATE_DONE, Duration.ofSeconds(4));
    assertThat(awaitEntryOutcomes(load, 2)).extracting(CommandAck::getStatus).containsOnly(Status.STATUS_COMPLETED);
    List<EntryResult> results = seq.awaitResults(2, "absolute", 2);
    assertRanWithin(results.get(0), now.plusMillis(2_345));
    assertRanWithin(results.get(1), now.plusMillis(2_845));

    CommandAck pastAtLoad = commands.assertRejected(seq.load(3, TestSequence.named("late")
        .at(seq.time().now().minusSeconds(1), "core.NOOP"), TestKeys.OPERATOR), Reason.REASON_OUT_OF_RANGE);
    assertThat(pastAtLoad.getText()).startsWith("entry 1 (core.NOOP): time ").contains("is in the past");

    seq.loaded(3, TestSequence.named("soon").at(seq.time().now().plusSeconds(1), "core.NOOP"));
    seq.time().advance(Duration.ofSeconds(2));
    CommandAck pastAtRun = seq.assertFailed(seq.slotCommand("RUN", 3));
    assertThat(pastAtRun.getReason()).isEqualTo(Reason.REASON_EXECUTION_FAILED);
    assertThat(pastAtRun.getText()).contains("slot 3 'soon' cannot run: entry 1 (core.NOOP) is due at ")
        .contains("1.000 s ago");
    assertThat(seq.now(3).getState()).isEqualTo(State.STATE_LOADED);
  }

  @Test
  void aPauseMovesTheRelativeEntriesOnAndResumeGoesOn() {
    TestCommand load = seq.loaded(4, TestSequence.named("paused")
        .after(SECOND, "core.NOOP").after(Duration.ofSeconds(2), "core.NOOP"));
    Instant start = seq.time().now();
    commands.assertCompleted(seq.slotCommand("RUN", 4));
    seq.stepUntil(() -> seq.now(4).getEntriesDone() == 1, Duration.ofSeconds(2));
    seq.time().advanceTo(start.plusMillis(1_600));

    CommandAck paused = commands.assertCompleted(seq.slotCommand("PAUSE", 4));
    assertThat(paused.getText()).isEqualTo("slot 4 'paused' paused before entry 2");
    Instant pausedAt = seq.time().now();
    seq.time().advance(Duration.ofSeconds(3));
    SequenceSlot whilePaused = seq.now(4);
    assertThat(whilePaused.getState()).isEqualTo(State.STATE_PAUSED);
    assertThat(whilePaused.getEntriesDone()).isEqualTo(1);
    assertThat(whilePaused.getNextEntry()).isEqualTo(2);
    // due 2 s after entry 1's time, moved on by the 3 s paused so far
    Instant shifted = start.plusSeconds(3).plus(Duration.between(pausedAt, seq.time().now()));
    assertThat(whilePaused.getNextDueNs()).isEqualTo(HeaderStamper.nanos(shifted));

    CommandAck resumed = commands.assertCompleted(seq.slotCommand("RESUME", 4));
    assertThat(resumed.getText()).isEqualTo("slot 4 'paused' resumed after 3.000 s paused");
    seq.stepUntil(() -> seq.now(4).getState() == State.STATE_DONE, Duration.ofSeconds(2));
    assertThat(awaitEntryOutcomes(load, 2)).hasSize(2);
    assertRanWithin(seq.awaitResults(4, "paused", 2).get(1), start.plusSeconds(6));
    commands.awaitEvent("SEQUENCE_PAUSED", e -> "4".equals(e.getArgsMap().get("slot")));
    Event resumedEvent = commands.awaitEvent("SEQUENCE_RESUMED", e -> "4".equals(e.getArgsMap().get("slot")));
    assertThat(resumedEvent.getText()).contains("resumed after 3.000 s paused; entry 2 (core.NOOP) due ");
  }

  @Test
  void anAbsoluteEntryWhoseTimePassedDuringAPauseIsMissedAndThePolicyApplies() {
    Instant start = seq.time().now();
    TestSequence stops = TestSequence.named("stops").at(start.plusSeconds(2), "core.NOOP")
        .after(SECOND, "core.NOOP");
    TestSequence goesOn = TestSequence.named("goes-on").continueOnFailure().at(start.plusSeconds(2), "core.NOOP")
        .after(SECOND, "core.NOOP");
    TestCommand stopLoad = seq.loaded(5, stops);
    TestCommand goLoad = seq.loaded(6, goesOn);
    commands.assertCompleted(seq.slotCommand("RUN", 5));
    commands.assertCompleted(seq.slotCommand("RUN", 6));
    seq.time().advance(SECOND);
    commands.assertCompleted(seq.slotCommand("PAUSE", 5));
    commands.assertCompleted(seq.slotCommand("PAUSE", 6));
    seq.time().advance(Duration.ofSeconds(3));
    commands.assertCompleted(seq.slotCommand("RESUME", 5));
    commands.assertCompleted(seq.slotCommand("RESUME", 6));

    // STOP: missed, not run, and the sequence ends FAILED
    SequenceSlot failed = seq.awaitSlot(5, s -> s.getState() == State.STATE_FAILED && s.getName().equals("stops"));
    assertThat(failed.getLast().getOutcome()).isEqualTo(EntryResult.Outcome.OUTCOME_MISSED);
    assertThat(failed.getLast().getEntry()).isEqualTo(1);
    assertThat(failed.getLast().getText()).contains("missed: 2.000 s after its time");
    assertThat(failed.getEntriesFailed()).isEqualTo(1);
    Event missed = commands.awaitEvent("SEQUENCE_ENTRY_FAILED", e -> "stops".equals(e.getArgsMap().get("sequence")));
    assertThat(missed.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
    assertThat(missed.getArgsMap()).containsEntry("outcome", "MISSED").containsEntry("entry", "1");
    assertThat(missed.getText()).contains("on failure STOP: the sequence stops");
    commands.awaitEvent("SEQUENCE_FAILED", e -> "stops".equals(e.getArgsMap().get("sequence")));

    // CONTINUE: entry 1 missed, entry 2 (1 s after entry 1's time, so already due) runs at once
    seq.stepUntil(() -> seq.now(6).getState() == State.STATE_DONE, SECOND);
    SequenceSlot done = seq.now(6);
    assertThat(done.getEntriesDone()).isEqualTo(2);
    assertThat(done.getEntriesFailed()).isEqualTo(1);
    assertThat(awaitEntryOutcomes(goLoad, 1)).extracting(a -> a.getSequence().getEntry()).containsExactly(2);
    seq.time().advance(Duration.ofSeconds(2));
    assertThat(seq.entryAcks(stopLoad)).as("nothing of the stopped sequence ran").isEmpty();
  }

  @Test
  void abortStopsARunAndNothingOfItRunsAfter() {
    TestCommand load = seq.loaded(7, TestSequence.named("aborted").after(SECOND, "core.NOOP")
        .after(SECOND, "core.NOOP"));
    commands.assertCompleted(seq.slotCommand("RUN", 7));
    seq.stepUntil(() -> seq.now(7).getEntriesDone() == 1, Duration.ofSeconds(2));
    CommandAck aborted = commands.assertCompleted(seq.slotCommand("ABORT", 7));
    assertThat(aborted.getText()).isEqualTo("slot 7 'aborted' aborted before entry 2");
    seq.time().advance(Duration.ofSeconds(3));

    assertThat(seq.now(7).getState()).isEqualTo(State.STATE_ABORTED);
    assertThat(seq.now(7).getEntriesDone()).isEqualTo(1);
    Event event = commands.awaitEvent("SEQUENCE_ABORTED", e -> "7".equals(e.getArgsMap().get("slot")));
    assertThat(event.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_LO);
    assertThat(awaitEntryOutcomes(load, 1)).hasSize(1);
    assertThat(seq.entryOutcomes(load)).as("entry 2 never ran").hasSize(1);

    // an aborted sequence runs again from its first entry
    commands.assertCompleted(seq.slotCommand("RUN", 7));
    seq.stepUntil(() -> seq.now(7).getState() == State.STATE_DONE, Duration.ofSeconds(3));
    assertThat(awaitEntryOutcomes(load, 3)).extracting(a -> a.getSequence().getEntry()).containsExactly(1, 1, 2);
  }

  @Test
  void loadAndClearAreRefusedWhileASequenceRunsAndClearEmptiesTheSlotAndItsFile() {
    seq.loaded(8, TestSequence.named("first").after(Duration.ofSeconds(10), "core.NOOP"));
    Path kept = data.resolve("sequences").resolve("slot-8");
    assertThat(kept).exists();
    commands.assertCompleted(seq.slotCommand("RUN", 8));

    CommandAck reload = seq.assertFailed(seq.load(8, TestSequence.named("second").after(SECOND, "core.NOOP"),
        TestKeys.OPERATOR));
    assertThat(reload.getText()).isEqualTo("slot 8 is RUNNING: seq.ABORT it before you load another");
    CommandAck clear = seq.assertFailed(seq.slotCommand("CLEAR", 8));
    assertThat(clear.getText()).isEqualTo("slot 8 is RUNNING: seq.ABORT it before you clear it");
    assertThat(seq.now(8).getName()).isEqualTo("first");

    commands.assertCompleted(seq.slotCommand("ABORT", 8));
    seq.loaded(8, TestSequence.named("second").after(SECOND, "core.NOOP"));
    assertThat(seq.now(8).getName()).isEqualTo("second");
    CommandAck cleared = commands.assertCompleted(seq.slotCommand("CLEAR", 8));
    assertThat(cleared.getText()).isEqualTo("slot 8 cleared");
    assertThat(kept).doesNotExist();
    SequenceSlot idle = seq.awaitSlot(8, s -> s.getState() == State.STATE_IDLE);
    assertThat(idle.getName()).isEmpty();
    assertThat(commands.assertCompleted(seq.slotCommand("CLEAR", 8)).getText()).isEqualTo("slot 8 was already empty");
    commands.awaitEvent("SEQUENCE_CLEARED", e -> "8".equals(e.getArgsMap().get("slot")));
  }

  // -- an entry refused when it comes due, and the two policies

  @Test
  void anEntryIllegalInTheModeFailsWithIllegalInModeAndStopEndsTheSequence() {
    commands.assertCompleted(commands.command("core.SET_MODE").text("subsystem", "bank").text("mode", "SAFE"));
    TestCommand load = seq.loaded(9, TestSequence.named("charge")
        .after(Duration.ZERO, "bank.SET_CHARGE_CURRENT", "amps", 5.0)
        .after(SECOND, "core.NOOP"));
    commands.assertCompleted(seq.slotCommand("RUN", 9));
    SequenceSlot failed = seq.awaitSlot(9, s -> s.getState() == State.STATE_FAILED && s.getName().equals("charge"));
    seq.time().advance(Duration.ofSeconds(2));

    List<CommandAck> acks = await().atMost(SequenceTester.WAIT).until(() -> seq.entryAcks(load), l -> !l.isEmpty());
    assertThat(acks).as("a refused entry gets one FAILED ack, no ACCEPTED").singleElement().satisfies(ack -> {
      assertThat(ack.getStatus()).isEqualTo(Status.STATUS_FAILED);
      assertThat(ack.getReason()).isEqualTo(Reason.REASON_ILLEGAL_IN_MODE);
      assertThat(ack.getText()).isEqualTo("bank.SET_CHARGE_CURRENT is not allowed while bank is SAFE"
          + " (allowed: [MAINTENANCE])");
      assertThat(ack.getSequence().getEntry()).isEqualTo(1);
    });
    assertThat(failed.getLast().getOutcome()).isEqualTo(EntryResult.Outcome.OUTCOME_FAILED);
    assertThat(failed.getLast().getReason()).isEqualTo(Reason.REASON_ILLEGAL_IN_MODE);
    assertThat(failed.getEntriesDone()).isEqualTo(1);
    Event commandFailed = commands.awaitEvent("COMMAND_FAILED", e -> "charge".equals(e.getArgsMap().get("sequence")));
    assertThat(commandFailed.getArgsMap()).containsEntry("reason", "REASON_ILLEGAL_IN_MODE").containsEntry("entry", "1");
    Event entryFailed = commands.awaitEvent("SEQUENCE_ENTRY_FAILED", e -> "charge".equals(e.getArgsMap().get("sequence")));
    assertThat(entryFailed.getText()).contains("entry 1 (bank.SET_CHARGE_CURRENT) FAILED ILLEGAL_IN_MODE")
        .contains("the sequence stops");
    assertThat(seq.entryAcks(load)).as("entry 2 never ran").hasSize(1);
  }

  @Test
  void anOperatorsEntryLeavingARangeSafetyHoldFailsHeldWhenItComesDue() {
    commands.assertCompleted(commands.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "SAFE")
        .key(TestKeys.RANGE_SAFETY));
    try {
      TestCommand load = seq.loaded(9, TestSequence.named("unstow")
          .after(Duration.ZERO, "core.SET_MODE", "subsystem", "tracker", "mode", "NOMINAL"));
      commands.assertCompleted(seq.slotCommand("RUN", 9));
      seq.awaitSlot(9, s -> s.getState() == State.STATE_FAILED && s.getName().equals("unstow"));
      assertThat(awaitEntryOutcomes(load, 1)).singleElement().satisfies(ack -> {
        assertThat(ack.getStatus()).isEqualTo(Status.STATUS_FAILED);
        assertThat(ack.getReason()).isEqualTo(Reason.REASON_HELD);
        assertThat(ack.getText()).startsWith("tracker is held SAFE by range safety since");
      });
      assertThat(commands.firmware().getBean(space.lunarbase.fsw.core.mode.Modes.class).of("tracker"))
          .contains(space.lunarbase.fsw.core.mode.Mode.SAFE);
    } finally {
      commands.assertCompleted(commands.command("core.RELEASE_HOLD").text("subsystem", "tracker")
          .key(TestKeys.RANGE_SAFETY));
      commands.assertCompleted(commands.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "NOMINAL"));
    }
  }

  @Test
  void withContinueAFailedEntryIsReportedAndTheNextOneRuns() {
    commands.assertCompleted(commands.command("core.SET_MODE").text("subsystem", "bank").text("mode", "SAFE"));
    TestCommand load = seq.loaded(10, TestSequence.named("charge-anyway").continueOnFailure()
        .after(Duration.ZERO, "bank.SET_CHARGE_CURRENT", "amps", 5.0)
        .after(SECOND, "core.NOOP"));
    commands.assertCompleted(seq.slotCommand("RUN", 10));
    seq.stepUntil(() -> seq.now(10).getState() == State.STATE_DONE, Duration.ofSeconds(2));

    List<CommandAck> outcomes = awaitEntryOutcomes(load, 2);
    assertThat(outcomes).extracting(CommandAck::getStatus).containsExactly(Status.STATUS_FAILED, Status.STATUS_COMPLETED);
    SequenceSlot done = seq.now(10);
    assertThat(done.getEntriesFailed()).isEqualTo(1);
    assertThat(done.getOnFailure()).isEqualTo(Sequence.OnFailure.ON_FAILURE_CONTINUE);
    Event entryFailed = commands.awaitEvent("SEQUENCE_ENTRY_FAILED",
        e -> "charge-anyway".equals(e.getArgsMap().get("sequence")));
    assertThat(entryFailed.getText()).contains("on failure CONTINUE: entry 2 next");
    Event completed = commands.awaitEvent("SEQUENCE_COMPLETED", e -> "10".equals(e.getArgsMap().get("slot")));
    assertThat(completed.getText()).contains("2 entries, 1 failed or missed");
  }

  // -- roles

  @Test
  void theUploadersRoleMustCoverEveryEntryAndOnlyThatRoleRunsIt() {
    CommandAck wrongRole = commands.assertRejected(seq.load(11, TestSequence.named("safe-rail")
        .after(Duration.ZERO, "core.NOOP").after(SECOND, "rail.SAFE"), TestKeys.OPERATOR), Reason.REASON_WRONG_ROLE);
    assertThat(wrongRole.getText()).isEqualTo("entry 2 (rail.SAFE): rail.SAFE needs role [range-safety];"
        + " key test-operator is operator");

    TestCommand load = seq.load(11, TestSequence.named("safe-rail").after(Duration.ZERO, "core.NOOP")
        .after(SECOND, "rail.SAFE"), TestKeys.RANGE_SAFETY);
    commands.assertCompleted(load);
    CommandAck byOperator = seq.assertFailed(seq.slotCommand("RUN", 11));
    assertThat(byOperator.getText()).isEqualTo("slot 11 'safe-rail' was loaded with a range-safety key:"
        + " run it with a range-safety key");
    commands.assertCompleted(seq.slotCommand("RUN", 11).key(TestKeys.RANGE_SAFETY));
    seq.stepUntil(() -> seq.now(11).getState() == State.STATE_DONE, Duration.ofSeconds(2));
    List<CommandAck> outcomes = awaitEntryOutcomes(load, 2);
    assertThat(outcomes).extracting(CommandAck::getCommand).containsExactly("core.NOOP", "rail.SAFE");
    assertThat(outcomes).extracting(CommandAck::getStatus).containsOnly(Status.STATUS_COMPLETED);
    assertThat(outcomes).extracting(CommandAck::getKeyId).containsOnly("test-range-safety");
  }

  // -- every rejection of an upload, with its reason

  @Test
  void anUploadIsVerifiedOnceAndEveryEntryCheckedAtLoad() {
    TestSequence good = TestSequence.named("good").after(SECOND, "core.NOOP");
    commands.assertRejected(seq.load(12, good, TestKeys.OPERATOR).signedBy(TestKeys.RANGE_SAFETY),
        Reason.REASON_BAD_MAC);
    Instant wallClock = commands.firmware().getBean(java.time.InstantSource.class).instant();
    commands.assertRejected(seq.load(12, good, TestKeys.OPERATOR).expires(wallClock.minusSeconds(1)),
        Reason.REASON_EXPIRED);
    assertRejected(seq.load(12, new byte[] {(byte) 0xFF, 0x01}, TestKeys.OPERATOR), Reason.REASON_MALFORMED,
        "sequence is not a Sequence: ");
    assertRejected(seq.load(12, TestSequence.named("unknown").after(SECOND, "core.NOOP")
        .after(SECOND, "bank.SELF_DESTRUCT"), TestKeys.OPERATOR), Reason.REASON_UNKNOWN_COMMAND,
        "entry 2 (bank.SELF_DESTRUCT): no command 'bank.SELF_DESTRUCT'");
    assertRejected(seq.load(12, TestSequence.named("too-much").after(SECOND, "bank.SET_CHARGE_CURRENT",
        "amps", 5000.0), TestKeys.OPERATOR), Reason.REASON_OUT_OF_RANGE,
        "entry 1 (bank.SET_CHARGE_CURRENT): argument amps must be 0.0..");
    assertRejected(seq.load(12, TestSequence.named("integer").after(SECOND, "bank.SET_CHARGE_CURRENT",
        "amps", 5L), TestKeys.OPERATOR), Reason.REASON_BAD_ARGUMENT,
        "entry 1 (bank.SET_CHARGE_CURRENT): argument amps must be a number, was an integer");
    assertRejected(seq.load(12, TestSequence.named("untimed").untimed("core.NOOP"), TestKeys.OPERATOR),
        Reason.REASON_BAD_ARGUMENT, "entry 1 (core.NOOP): has no time");
    assertRejected(seq.load(12, TestSequence.named("nested").after(SECOND, "seq.RUN", "slot", 1L), TestKeys.OPERATOR),
        Reason.REASON_BAD_ARGUMENT, "entry 1 (seq.RUN): a sequence cannot run seq.* commands");
    assertRejected(seq.load(12, TestSequence.named("empty"), TestKeys.OPERATOR), Reason.REASON_BAD_ARGUMENT,
        "sequence 'empty' has no entries");
    assertRejected(seq.load(12, TestSequence.named("bad name!").after(SECOND, "core.NOOP"), TestKeys.OPERATOR),
        Reason.REASON_BAD_ARGUMENT, "sequence name must be");
    TestSequence many = TestSequence.named("many");
    for (int i = 0; i < 21; i++) {
      many.after(SECOND, "core.NOOP");
    }
    assertRejected(seq.load(12, many, TestKeys.OPERATOR), Reason.REASON_OUT_OF_RANGE,
        "sequence 'many' has 21 entries, at most 20 (lunarbase.sequences.max-entries)");
    TestSequence big = TestSequence.named("big");
    for (int i = 0; i < 19; i++) {
      big.after(SECOND, "core.SET_PARAM", "name", "bank.charge-current-limit-a", "value", "1".repeat(250) + i);
    }
    assertRejected(seq.load(12, big, TestKeys.OPERATOR), Reason.REASON_OUT_OF_RANGE,
        "argument sequence must be at most 2048 bytes, was ");
    assertRejected(seq.load(13, good, TestKeys.OPERATOR), Reason.REASON_OUT_OF_RANGE,
        "argument slot must be 1..12, was 13");
    Instant now = seq.time().now();
    assertRejected(seq.load(12, TestSequence.named("backwards").at(now.plusSeconds(20), "core.NOOP")
        .at(now.plusSeconds(10), "core.NOOP"), TestKeys.OPERATOR), Reason.REASON_BAD_ARGUMENT,
        "entry 2 (core.NOOP): time ");

    assertRejected(seq.load(12, TestSequence.named("fire").after(SECOND, "rail.FIRE", "arm", "9f3c-2a1b-77e0-c4d5"),
        TestKeys.RANGE_SAFETY), Reason.REASON_BAD_ARGUMENT, "entry 1 (rail.FIRE): rail.FIRE is never run from a stored"
        + " sequence: send it directly");
    assertRejected(seq.load(12, TestSequence.named("widen").after(SECOND, "core.SET_PARAM", "name",
        "rail.temperature-max-c", "value", "80"), TestKeys.OPERATOR), Reason.REASON_WRONG_ROLE,
        "entry 1 (core.SET_PARAM): rail.temperature-max-c is read by an interlock: only a range-safety key sets it");
    assertThat(seq.now(12).getState()).as("nothing was loaded").isEqualTo(State.STATE_IDLE);
    commands.assertCompleted(seq.load(12, good, TestKeys.OPERATOR));
  }

  // -- refusals that depend on the slot's state

  @Test
  void commandsThatDoNotFitTheSlotsStateFailWithTheReason() {
    Sequencer sequencer = commands.firmware().getBean(Sequencer.class);
    int empty = 1;
    while (sequencer.state(empty) != State.STATE_IDLE) {
      empty++;
    }
    assertThat(seq.assertFailed(seq.slotCommand("RUN", empty)).getText())
        .isEqualTo("slot " + empty + " is empty: seq.LOAD a sequence first");
    assertThat(seq.assertFailed(seq.slotCommand("PAUSE", empty)).getText())
        .isEqualTo("slot " + empty + " is IDLE, not RUNNING: nothing to pause");
    assertThat(seq.assertFailed(seq.slotCommand("RESUME", empty)).getText())
        .isEqualTo("slot " + empty + " is IDLE, not PAUSED: nothing to resume");
    assertThat(seq.assertFailed(seq.slotCommand("ABORT", empty)).getText())
        .isEqualTo("slot " + empty + " is IDLE, not running or paused: nothing to abort");
    seq.loaded(empty, TestSequence.named("idle").after(SECOND, "core.NOOP"));
    assertThat(seq.assertFailed(seq.slotCommand("PAUSE", empty)).getText())
        .isEqualTo("slot " + empty + " is LOADED, not RUNNING: nothing to pause");
    commands.assertCompleted(seq.slotCommand("CLEAR", empty));
  }

  // -- progress telemetry

  @Test
  void progressGoesOutAtTheStartAfterEachEntryAndEverySecond() {
    seq.loaded(1, TestSequence.named("watched").after(SECOND, "core.NOOP").after(SECOND, "core.NOOP"));
    Instant start = seq.time().now();
    commands.assertCompleted(seq.slotCommand("RUN", 1));
    SequenceTelemetry atStart = SequenceTester.frame(commands.recorder().awaitMatch(SequenceTester.SEQ,
        m -> SequenceTester.frame(m).getChangedSlot() == 1
            && SequenceTester.slot(SequenceTester.frame(m), 1).getState() == State.STATE_RUNNING
            && SequenceTester.slot(SequenceTester.frame(m), 1).getName().equals("watched"), SequenceTester.WAIT));
    assertThat(atStart.getSlotsCount()).isEqualTo(12);
    SequenceSlot running = SequenceTester.slot(atStart, 1);
    assertThat(running.getEntriesTotal()).isEqualTo(2);
    assertThat(running.getEntriesDone()).isZero();
    assertThat(running.getNextEntry()).isEqualTo(1);
    assertThat(running.getNextDueNs()).isEqualTo(HeaderStamper.nanos(start.plus(SECOND)));
    assertThat(running.getStartedNs()).isEqualTo(HeaderStamper.nanos(start));
    assertThat(running.hasLast()).isFalse();

    long periodicBefore = seq.frames().stream().filter(f -> f.getChangedSlot() == 0).count();
    seq.stepUntil(() -> seq.now(1).getEntriesDone() == 1, Duration.ofSeconds(2));
    SequenceSlot afterEntry = seq.awaitSlot(1, s -> s.getName().equals("watched") && s.getEntriesDone() == 1);
    assertThat(afterEntry.getNextEntry()).isEqualTo(2);
    assertThat(afterEntry.getNextDueNs()).isEqualTo(HeaderStamper.nanos(start.plusSeconds(2)));
    EntryResult last = afterEntry.getLast();
    assertThat(last.getEntry()).isEqualTo(1);
    assertThat(last.getCommand()).isEqualTo("core.NOOP");
    assertThat(last.getOutcome()).isEqualTo(EntryResult.Outcome.OUTCOME_COMPLETED);
    assertThat(last.getText()).isEqualTo("no-op");
    assertThat(last.getDueNs()).isEqualTo(HeaderStamper.nanos(start.plus(SECOND)));
    assertThat(last.getStartedNs() - last.getDueNs()).isBetween(0L, WITHIN.toNanos());
    await().atMost(SequenceTester.WAIT).until(() -> seq.frames().stream().filter(f -> f.getChangedSlot() == 0).count()
        > periodicBefore);
  }

  // --

  private static void assertRejected(TestCommand command, Reason reason, String textStart) {
    CommandAck ack = commands.assertRejected(command, reason);
    assertThat(ack.getText()).startsWith(textStart);
    assertThat(ack.getCommand()).isEqualTo("seq.LOAD");
  }

  /** The final acks of the first {@code count} entry runs of the sequence {@code load} uploaded. */
  private static List<CommandAck> awaitEntryOutcomes(TestCommand load, int count) {
    return await().atMost(SequenceTester.WAIT).until(() -> seq.entryOutcomes(load), l -> l.size() >= count);
  }

  /** The entry was due at {@code due} and started at or after it, within one check period. */
  private static void assertRanWithin(EntryResult result, Instant due) {
    assertThat(result.getDueNs()).as("entry %d's due time", result.getEntry()).isEqualTo(HeaderStamper.nanos(due));
    long late = result.getStartedNs() - result.getDueNs();
    assertThat(late).as("entry %d late by %d ns", result.getEntry(), late).isBetween(0L, WITHIN.toNanos());
  }
}
