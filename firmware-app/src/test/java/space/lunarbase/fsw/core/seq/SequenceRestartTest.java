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
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.SequenceSlot;
import space.lunarbase.proto.v1.SequenceSlot.State;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.StoredSequence;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * Persistence, the choice stated: a loaded sequence survives a restart and comes back LOADED; a
 * running one comes back LOADED too (a reboot aborts it: it is not resumed); a kept file that is
 * damaged, or whose key or entries are no longer valid, is not loaded again, with an event.
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
    store.write(stored(1, "retired", TestSequence.named("orphan").after(Duration.ofSeconds(5), "core.NOOP")));
    store.write(stored(2, "test-operator", TestSequence.named("too-much").after(Duration.ofSeconds(5),
        "bank.SET_CHARGE_CURRENT", "amps", 5000.0)));
    store.write(stored(3, "test-operator", TestSequence.named("fine").after(Duration.ofSeconds(5), "core.NOOP")));
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

  private static StoredSequence stored(int slot, String key, TestSequence sequence) {
    return StoredSequence.newBuilder().setSlot(slot).setKeyId(key).setRequestId(7).setCounter(7)
        .setLoadedNs(HeaderStamper.nanos(LOADED))
        .setSequence(ByteString.copyFrom(sequence.bytes())).build();
  }
}
