package space.lunarbase.fsw.core.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.KeyReloader;
import space.lunarbase.fsw.core.command.Keys;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.SequenceSlot.State;
import space.lunarbase.testkit.MosquittoBroker;

/** A running sequence whose loader's key is revoked: its entries from then on fail KEY_REVOKED. */
class SequenceKeyTest {

  @Test
  void theEntriesOfASequenceWhoseKeyIsRevokedMidRunFail(@TempDir Path dir) throws Exception {
    Path ring = dir.resolve("keys.yml");
    write(ring, "keys:\n" + entry(TestKeys.OPERATOR.id(), "operator", TestKeys.OPERATOR.secret())
        + entry(TestKeys.RANGE_SAFETY.id(), "range-safety", TestKeys.RANGE_SAFETY.secret()));
    try (MosquittoBroker broker = MosquittoBroker.start();
         CommandTester commands = CommandTester.start(dir.resolve("data"), broker.url(),
             Map.of("lunarbase.commands.key-file", ring.toString()), 1)) {
      SequenceTester seq = new SequenceTester(commands);
      TestCommand load = seq.load(1, TestSequence.named("watch")
          .after(Duration.ofSeconds(1), "core.NOOP")
          .after(Duration.ofSeconds(2), "core.NOOP"), TestKeys.RANGE_SAFETY);
      commands.assertCompleted(load);
      commands.assertCompleted(seq.slotCommand("RUN", 1).key(TestKeys.RANGE_SAFETY));
      seq.stepUntil(() -> seq.now(1).getEntriesDone() == 1, Duration.ofSeconds(2));

      write(ring, "keys:\n" + entry(TestKeys.OPERATOR.id(), "operator", TestKeys.OPERATOR.secret())
          + "revoked: [" + TestKeys.RANGE_SAFETY.id() + "]\n");
      assertThat(commands.firmware().getBean(KeyReloader.class).reload()).isInstanceOf(Keys.Reload.Reloaded.class);
      seq.stepUntil(() -> seq.now(1).getState() != State.STATE_RUNNING, Duration.ofSeconds(4));

      // the acks as they came (the controller no longer holds the revoked secret: that refusal is unsigned)
      List<CommandAck> outcomes = await().atMost(SequenceTester.WAIT).until(() -> commands.acks().stream()
          .filter(a -> a.getSequence().getSlot() == 1 && a.getRequestId() == load.requestId()
              && a.getStatus() != Status.STATUS_ACCEPTED).toList(), l -> l.size() >= 2);
      assertThat(outcomes.get(0).getStatus()).isEqualTo(Status.STATUS_COMPLETED);
      assertThat(outcomes.get(0).getMac().size()).isEqualTo(32);
      assertThat(outcomes.get(1).getStatus()).isEqualTo(Status.STATUS_FAILED);
      assertThat(outcomes.get(1).getReason()).isEqualTo(Reason.REASON_KEY_REVOKED);
      assertThat(outcomes.get(1).getText()).isEqualTo("key test-range-safety that loaded the sequence is revoked");
      assertThat(outcomes.get(1).getMac().isEmpty()).isTrue();
    }
  }

  private static String entry(String id, String role, byte[] secret) {
    return "  - { id: " + id + ", role: " + role + ", secret: " + HexFormat.of().formatHex(secret) + " }\n";
  }

  private static void write(Path file, String text) throws Exception {
    Path next = file.resolveSibling("next.yml");
    Files.deleteIfExists(next);
    Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(next, text);
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
