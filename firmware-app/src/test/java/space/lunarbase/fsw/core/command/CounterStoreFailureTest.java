package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * When the replay counters cannot be written (here: the path the new file is written to is a
 * folder, which no user, root included, can open for writing), a verified safing command still
 * runs, its counter held in memory and an event raised, while any other command is refused.
 */
class CounterStoreFailureTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void safingRunsAndEverythingElseIsRefusedWhileTheCounterCannotBeWritten(@TempDir Path data) throws IOException {
    try (CommandTester tester = CommandTester.start(data, broker.url(), Map.of(), 1)) {
      tester.assertCompleted(tester.command("core.NOOP"));
      ReplayGuard guard = tester.firmware().getBean(ReplayGuard.class);
      CounterFiles files = new CounterFiles(data.resolve(ReplayGuard.FOLDER));
      CounterFiles.Read.Valid before = files.newest().orElseThrow();
      Path blocked = guard.nextFile().resolveSibling(guard.nextFile().getFileName() + ".tmp");
      Files.createDirectories(blocked.resolve("in-the-way"));

      TestCommand railSafe = tester.command("rail.SAFE").key(TestKeys.RANGE_SAFETY);
      tester.assertCompleted(railSafe);
      Event event = tester.awaitEvent("COMMAND_COUNTER_NOT_PERSISTED",
          e -> e.getArgsMap().get("request").equals(Long.toString(railSafe.requestId())));
      assertThat(event.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
      assertThat(event.getArgsMap()).containsEntry("key", "test-range-safety")
          .containsEntry("counter", Long.toString(railSafe.body().getCounter()));
      assertThat(tester.firmware().getBean(Modes.class).of("rail")).hasValue(Mode.SAFE);

      CommandAck refused = tester.assertRejected(tester.command("core.NOOP"), Reason.REASON_EXECUTION_FAILED);
      assertThat(refused.getText()).contains("cannot record the counter");
      assertThat(refused.getMac().isEmpty()).as("signed: its MAC verified").isFalse();
      tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "bank").text("mode", "SAFE"));
      tester.assertRejected(railSafe.signed(), Reason.REASON_REPLAYED); // held in memory
      assertThat(files.newest()).as("the files as they were").hasValue(before);

      try (Stream<Path> paths = Files.walk(blocked)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      tester.assertCompleted(tester.command("core.NOOP"));
      assertThat(files.newest().orElseThrow().marks())
          .as("the counters held in memory are written with the next one")
          .containsEntry("test-range-safety", railSafe.body().getCounter());
    }
  }
}
