package space.lunarbase.fsw.core.seq;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandKey;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.SequenceSlot;
import space.lunarbase.proto.v1.SequenceSlot.State;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.StoredSequence;
import space.lunarbase.proto.v1.Value;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * Persistence, the choice stated: a loaded sequence survives a restart and comes back LOADED; a
 * running one comes back LOADED too (a reboot aborts it: it is not resumed); a kept file that is
 * damaged, whose key or entries are no longer valid, or whose signed seq.LOAD does not vouch for
 * what it holds (altered on disk), is not loaded again, with an event.
 */
class SequenceRestartTest {

  static final Instant LOADED = Instant.parse("2026-01-01T00:00:00Z");
  static final Map<String, Object> CONFIG = Map.of("lunarbase.commands.rate-burst", 1000);

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void loadedAndRunningSequencesComeBackLoadedAfterARestart(@TempDir Path data) {
    long counter;
    try (CommandTester before = CommandTester.start(data, broker.url(), CONFIG, 1)) {
      SequenceTester seq = new SequenceTester(before);
      seq.loaded(1, TestSequence.named("kept").after(Duration.ofHours(1), "core.NOOP"));
      seq.loaded(2, TestSequence.named("was-running").after(Duration.ofHours(1), "core.NOOP")
          .after(Duration.ofSeconds(1), "core.NOOP"));
      before.assertCompleted(seq.slotCommand("RUN", 2));
      assertThat(seq.now(2).getState()).isEqualTo(State.STATE_RUNNING);
      counter = before.acks().getLast().getCounter();
    }
    assertThat(data.resolve("sequences/slot-1")).exists();
    assertThat(data.resolve("sequences/slot-2")).exists();

    try (CommandTester after = CommandTester.start(data, broker.url(), CONFIG, counter + 1)) {
      SequenceTester seq = new SequenceTester(after);
      SequenceSlot kept = seq.awaitSlot(1, s -> s.getState() == State.STATE_LOADED);
      assertThat(kept.getName()).isEqualTo("kept");
      assertThat(kept.getLoadedBy()).isEqualTo("test-operator");
      assertThat(kept.getStartedNs()).isZero();
      SequenceSlot wasRunning = seq.awaitSlot(2, s -> s.getName().equals("was-running"));
      assertThat(wasRunning.getState()).as("a restart does not resume a run").isEqualTo(State.STATE_LOADED);
      assertThat(wasRunning.getEntriesDone()).isZero();
      Event restored = after.awaitEvent("SEQUENCE_RESTORED", e -> "2".equals(e.getArgsMap().get("slot")));
      assertThat(restored.getText()).contains("'was-running'").contains("not running: seq.RUN runs it");
      assertThat(restored.getId()).isEqualTo(2610);

      // it runs as if just loaded, on the loader's authority
      after.assertCompleted(seq.slotCommand("RUN", 1));
      assertThat(seq.now(1).getState()).isEqualTo(State.STATE_RUNNING);
    }
  }

  @Test
  void aKeptSequenceThatCannotBeTrustedIsNotLoadedAgain(@TempDir Path data) throws Exception {
    SequenceStore store = new SequenceStore(data);
    CommandKey retiredKey = new CommandKey("retired", Role.OPERATOR, new byte[32]);
    store.write(stored(1, retiredKey, TestSequence.named("orphan").after(Duration.ofSeconds(5), "core.NOOP")));
    store.write(stored(2, TestKeys.OPERATOR, TestSequence.named("too-much").after(Duration.ofSeconds(5),
        "bank.SET_CHARGE_CURRENT", "amps", 5000.0)));
    store.write(stored(3, TestKeys.OPERATOR, TestSequence.named("fine").after(Duration.ofSeconds(5), "core.NOOP")));
    Files.write(data.resolve("sequences/slot-4"), new byte[] {'L', 'B', 'S', 'Q', 0, 0, 0, 0, 42});
    Files.write(data.resolve("sequences/slot-9"), "not ours".getBytes());

    try (CommandTester tester = CommandTester.start(data, broker.url(), CONFIG, 1)) {
      SequenceTester seq = new SequenceTester(tester);
      Event retired = tester.awaitEvent("SEQUENCE_NOT_RESTORED", e -> "1".equals(e.getArgsMap().get("slot")));
      assertThat(retired.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
      assertThat(retired.getText()).contains("its key retired is no longer in the key ring");
      Event invalid = tester.awaitEvent("SEQUENCE_NOT_RESTORED", e -> "2".equals(e.getArgsMap().get("slot")));
      assertThat(invalid.getText()).contains("OUT_OF_RANGE: entry 1 (bank.SET_CHARGE_CURRENT): argument amps");
      Event damaged = tester.awaitEvent("SEQUENCE_NOT_RESTORED", e -> "4".equals(e.getArgsMap().get("slot")));
      assertThat(damaged.getText()).contains("CRC-32C mismatch");
      Event beyond = tester.awaitEvent("SEQUENCE_NOT_RESTORED", e -> "9".equals(e.getArgsMap().get("slot")));
      assertThat(beyond.getText()).contains("no LBSQ header");

      SequenceSlot fine = seq.awaitSlot(3, s -> s.getState() == State.STATE_LOADED);
      assertThat(fine.getName()).isEqualTo("fine");
      assertThat(fine.getLoadedNs()).isEqualTo(HeaderStamper.nanos(LOADED));
      assertThat(seq.now(1).getState()).isEqualTo(State.STATE_IDLE);
      assertThat(seq.now(2).getState()).isEqualTo(State.STATE_IDLE);
      assertThat(seq.now(4).getState()).isEqualTo(State.STATE_IDLE);
      assertThat(data.resolve("sequences/slot-1")).as("a sequence not restored is forgotten").doesNotExist();
      assertThat(data.resolve("sequences/slot-4.corrupt")).as("a damaged file is kept aside").exists();
      assertThat(data.resolve("sequences/slot-4")).doesNotExist();
      tester.assertCompleted(seq.load(1, TestSequence.named("new").after(Duration.ofSeconds(1), "core.NOOP"),
          TestKeys.OPERATOR));
    }
  }

  @Test
  void aSequenceAlteredOnDiskIsRefusedAtRestoreWithAnEvent(@TempDir Path data) throws Exception {
    long counter;
    try (CommandTester before = CommandTester.start(data, broker.url(), CONFIG, 1)) {
      SequenceTester seq = new SequenceTester(before);
      for (int slot = 1; slot <= 4; slot++) {
        seq.loaded(slot, TestSequence.named("noop-" + slot).after(Duration.ofHours(1), "core.NOOP"));
      }
      counter = before.acks().getLast().getCounter();
    }
    SequenceStore store = new SequenceStore(data);
    java.util.Map<Integer, StoredSequence> kept = new java.util.TreeMap<>();
    for (SequenceStore.Kept one : store.readAll()) {
      kept.put(one.slot(), ((SequenceStore.Kept.Intact) one).stored());
    }
    byte[] other = TestSequence.named("noop-1").after(Duration.ofSeconds(5), "bank.SET_CHARGE_CURRENT", "amps", 5.0)
        .bytes();
    // 1: the kept sequence replaced, its signed seq.LOAD left as it was (the CRC made right again)
    store.write(kept.get(1).toBuilder().setSequence(ByteString.copyFrom(other)).build());
    // 2: the sequence inside the signed seq.LOAD replaced too, its MAC left as it was
    SignedCommand signed = SignedCommand.parseFrom(kept.get(2).getSignedLoad());
    CommandBody body = CommandBody.parseFrom(signed.getBody()).toBuilder()
        .putArgs("sequence", Value.newBuilder().setData(ByteString.copyFrom(other)).build()).build();
    store.write(kept.get(2).toBuilder().setSequence(ByteString.copyFrom(other))
        .setSignedLoad(signed.toBuilder().setBody(body.toByteString()).build().toByteString()).build());
    // 3: without its signed seq.LOAD, as if kept before it was kept
    store.write(kept.get(3).toBuilder().clearSignedLoad().build());

    try (CommandTester after = CommandTester.start(data, broker.url(), CONFIG, counter + 1)) {
      SequenceTester seq = new SequenceTester(after);
      assertThat(notRestored(after, 1).getText()).contains("the kept sequence is not the one its seq.LOAD uploaded:"
          + " altered on disk").endsWith("(the file is kept as sequences/slot-1.corrupt)");
      assertThat(notRestored(after, 2).getText()).contains("its seq.LOAD does not verify under key test-operator (MAC"
          + " mismatch): altered on disk");
      assertThat(notRestored(after, 3).getText()).contains("kept without its signed seq.LOAD");
      SequenceSlot untouched = seq.awaitSlot(4, s -> s.getState() == State.STATE_LOADED);
      assertThat(untouched.getName()).isEqualTo("noop-4");
      for (int slot = 1; slot <= 3; slot++) {
        assertThat(seq.now(slot).getState()).as("slot " + slot).isEqualTo(State.STATE_IDLE);
        assertThat(data.resolve("sequences/slot-" + slot + ".corrupt")).exists();
        assertThat(data.resolve("sequences/slot-" + slot)).doesNotExist();
      }
    }
  }

  private static Event notRestored(CommandTester tester, int slot) {
    Event event = tester.awaitEvent("SEQUENCE_NOT_RESTORED", e -> Integer.toString(slot).equals(e.getArgsMap().get("slot")));
    assertThat(event.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
    return event;
  }

  /** A sequence kept as seq.LOAD keeps it: with that command signed by {@code key} as it was received. */
  private static StoredSequence stored(int slot, CommandKey key, TestSequence sequence) {
    byte[] signed = TestCommand.of("seq.LOAD").key(key).counter(7).requestId(7).integer("slot", slot)
        .data("sequence", sequence.bytes()).signed();
    return StoredSequence.newBuilder().setSlot(slot).setKeyId(key.id()).setRequestId(7).setCounter(7)
        .setLoadedNs(HeaderStamper.nanos(LOADED)).setSequence(ByteString.copyFrom(sequence.bytes()))
        .setSignedLoad(ByteString.copyFrom(signed)).build();
  }
}
