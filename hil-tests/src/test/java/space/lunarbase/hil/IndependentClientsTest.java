package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * Clients that share no code with the firmware decode what it sends: a Node script (npm mqtt +
 * protobufjs) that learns the schema from the retained schema topic alone.
 */
class IndependentClientsTest {

  @Test
  void aNodeClientLearnsTheSchemaFromTheBrokerAndDecodesLiveFrames(@TempDir Path data) throws Exception {
    Path decoder = FirmwareProcess.projectRoot().resolve("ground/node-decoder");
    assertThat(decoder.resolve("node_modules/mqtt")).as("run: npm ci --prefix ground/node-decoder (.ci/run does)")
        .isDirectory();
    try (MosquittoBroker broker = MosquittoBroker.start();
         FirmwareProcess firmware = FirmwareProcess.start(MainCommandTest.args(data,
             "--lunarbase.link.broker-url=" + broker.url()))) {
      firmware.awaitStdout("Stop with Ctrl-C", MainCommandTest.START);

      Path out = data.resolve("node.jsonl");
      Process node = new ProcessBuilder("node", "decode.js", "--broker", "mqtt://127.0.0.1:" + broker.port(),
          "--root", "lunarbase/v1/hil/sim-1", "--count", "12", "--timeout", "30")
          .directory(decoder.toFile()).redirectOutput(out.toFile()).redirectErrorStream(false).start();
      assertThat(node.waitFor(40, TimeUnit.SECONDS)).isTrue();
      String stderr = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(node.exitValue()).as(stderr).isZero();

      List<String> lines = lines(out);
      assertThat(lines).hasSize(12).noneMatch(l -> l.contains("\"error\""));
      assertThat(lines).anyMatch(l -> l.contains("\"type\":\"lunarbase.v1.ControllerState\"")
          && l.contains("\"status\":\"STATUS_ONLINE\"") && l.contains("\"hal_mode\":\"sim\""));
      assertThat(lines).filteredOn(l -> l.contains("/tlm/bank")).isNotEmpty().allSatisfy(l -> assertThat(l)
          .contains("\"type\":\"lunarbase.v1.TelemetryFrame\"").contains("\"controller_id\":\"sim-1\"")
          .contains("\"site_id\":\"hil\"").contains("\"bank_id\":\"bank-1\"").contains("\"quality\":\"QUALITY_GOOD\"")
          .containsPattern("\"sequence\":\"\\d+\""));
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
  }
}
