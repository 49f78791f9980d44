package space.lunarbase.fsw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder's format stamp, and the package's preinst that reads it: made by the package
 * build's own script, run with {@code sh} against a folder standing in for the board's root.
 */
class DataFormatsTest {

  private static final Path PACKAGE = Path.of("..", "deploy", "package").toAbsolutePath().normalize();

  @Test
  void thePackageTableIsThisBuilds() throws IOException {
    Map<String, Integer> table = new LinkedHashMap<>();
    for (String line : Files.readAllLines(PACKAGE.resolve("data-formats"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.split("=");
        table.put(parts[0], Integer.parseInt(parts[1]));
      }
    }
    assertThat(table).containsExactlyEntriesOf(DataFormats.KNOWN);
  }

  @Test
  void theStampKeepsTheHighestVersionOfEachFormatAndFormatsItDoesNotKnow(@TempDir Path data) throws IOException {
    Files.writeString(data.resolve(DataFormats.STAMP), "written-by=9.0.0\ncommand-counters=7\nfleet-state=3\n");
    DataFormats.stamp(data, "1.2.3");
    Map<String, Integer> stamped = DataFormats.read(data);
    assertThat(stamped).containsEntry("command-counters", 7).containsEntry("fleet-state", 3)
        .containsEntry("boot-count", DataFormats.BOOT_COUNT).containsEntry("journal", DataFormats.JOURNAL);
    assertThat(Files.readString(data.resolve(DataFormats.STAMP))).contains("written-by=1.2.3\n");
  }

  @Test
  void thePreinstAllowsThisBuildsDataAndRefusesNewerNamingWhatToDo(@TempDir Path root) throws Exception {
    Path preinst = root.resolve("preinst");
    Process make = new ProcessBuilder("sh", PACKAGE.resolve("lib/preinst.sh").toString(), "0.1.0")
        .redirectInput(PACKAGE.resolve("debian/preinst.in").toFile()).redirectOutput(preinst.toFile()).start();
    assertThat(make.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(make.exitValue()).isZero();
    Path data = root.resolve("var/lib/lunarbase");
    Files.createDirectories(data);

    assertThat(run(preinst, root, "install")).as("no stamp: a first install").startsWith("0:");
    DataFormats.stamp(data, "0.1.0");
    assertThat(run(preinst, root, "upgrade", "0.1.0")).as("this build's own data").startsWith("0:");

    Files.writeString(data.resolve(DataFormats.STAMP), Files.readString(data.resolve(DataFormats.STAMP))
        .replace("written-by=0.1.0", "written-by=0.4.0").replace("command-counters=" + DataFormats.COMMAND_COUNTERS,
            "command-counters=" + (DataFormats.COMMAND_COUNTERS + 1)));
    String refused = run(preinst, root, "upgrade", "0.4.0");
    assertThat(refused).startsWith("1:").contains("cannot install 0.1.0").contains("written by lunarbase-fsw 0.4.0")
        .contains("command-counters v" + (DataFormats.COMMAND_COUNTERS + 1) + " (this package reads up to v"
            + DataFormats.COMMAND_COUNTERS + ")")
        .contains("install 0.4.0 or a later one").contains("move " + data + " aside");
    assertThat(run(preinst, root, "install", "0.4.0")).as("install over data kept after a remove").startsWith("1:");
    assertThat(run(preinst, root, "abort-upgrade", "0.4.0")).as("not an install").startsWith("0:");

    Files.writeString(data.resolve(DataFormats.STAMP), "written-by=0.5.0\nfleet-state=1\n");
    assertThat(run(preinst, root, "upgrade", "0.5.0")).startsWith("1:").contains("fleet-state v1 (unknown to this package)");
  }

  /** Runs the preinst with {@code DPKG_ROOT=root}: its exit code, a colon, what it wrote to stderr. */
  private static String run(Path preinst, Path root, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("sh", preinst.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DPKG_ROOT", root.toString());
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() + ":" + err;
  }
}
