package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * Lost replay counters: the controller starts anyway, with a floor from its clock, so every command
 * captured before the loss (sent or not, unexpired) is refused while new ones pass; and says so.
 */
class CounterLossTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void deletedCountersRefuseEveryCapturedCommandAndPassNewOnes(@TempDir Path data) throws IOException {
    List<byte[]> captured = captureThenStop(data);
    try (var files = Files.list(data.resolve(ReplayGuard.FOLDER))) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    assertRefusedThenNewPass(data, captured, "no command counter file");
  }

  @Test
  void bothGenerationsDamagedStartFromTheFloor(@TempDir Path data) throws IOException {
    List<byte[]> captured = captureThenStop(data);
    Path folder = data.resolve(ReplayGuard.FOLDER);
    Files.writeString(folder.resolve(CounterFiles.EVEN), "# lunarbase command counters v2\ngeneration=9\nx");
    Files.write(folder.resolve(CounterFiles.ODD), new byte[] {0, 1, 2, (byte) 0xff});
    assertRefusedThenNewPass(data, captured, "neither generation can be trusted");
    assertThat(folder.resolve(CounterFiles.EVEN + ".corrupt")).exists();
    assertThat(folder.resolve(CounterFiles.ODD + ".corrupt")).exists();
  }

  /** Three commands accepted, two more signed and never delivered (captured on the way); all unexpired. */
  private static List<byte[]> captureThenStop(Path data) {
    List<byte[]> captured = new ArrayList<>();
    long start = ReplayGuard.micros(InstantSource.system().instant());
    try (CommandTester tester = CommandTester.start(data, broker.url(), Map.of(), start)) {
      for (int i = 0; i < 3; i++) {
        TestCommand command = tester.command("core.NOOP");
        tester.assertCompleted(command);
        captured.add(command.signed());
      }
      captured.add(tester.command("core.NOOP").signed());
      captured.add(tester.command("core.NOOP").key(TestKeys.RANGE_SAFETY).signed());
    }
    return captured;
  }

  private static void assertRefusedThenNewPass(Path data, List<byte[]> captured, String found) {
    try (CommandTester again = CommandTester.start(data, broker.url(), Map.of(), 1)) {
      Event lost = again.awaitEvent("COMMAND_COUNTERS_LOST", e -> true);
      assertThat(lost.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
      assertThat(lost.getText()).contains(found);
      long floor = Long.parseUnsignedLong(lost.getArgsMap().get("floor"));
      assertThat(floor).isEqualTo(again.firmware().getBean(ReplayGuard.class).floor()).isPositive();

      for (byte[] old : captured) {
        CommandAck refused = again.assertRejected(old, Reason.REASON_REPLAYED);
        assertThat(refused.getText()).contains("the floor set when this controller's counters were lost");
      }
      // lunarctl's next counter: max(last + 1, now in µs)
      InstantSource clock = again.firmware().getBean(InstantSource.class);
      again.assertCompleted(again.command("core.NOOP").counter(ReplayGuard.micros(clock.instant())));
      again.assertCompleted(again.command("core.NOOP").key(TestKeys.RANGE_SAFETY)
          .counter(ReplayGuard.micros(clock.instant())));
      again.assertRejected(again.command("core.NOOP").counter(42), Reason.REASON_REPLAYED);
    }
  }
}
