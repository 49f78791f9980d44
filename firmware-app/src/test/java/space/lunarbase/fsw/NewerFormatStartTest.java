package space.lunarbase.fsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kept file written in a later version of its format (a later release ran on this data folder)
 * stops the firmware's start with one line naming the file, the version found and the newest this
 * build reads; the file is left for the release that wrote it.
 */
class NewerFormatStartTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "boot-count | # lunarbase boot count v3 | boot count format version 3; this build reads up to version 2",
      "command-counters/high-water.b | # lunarbase command counters v3 | command counters format version 3; this build"
          + " reads up to version 2",
      "parameters/values | # lunarbase parameters v2 | parameters format version 2; this build reads up to version 1",
      "range-safety/holds | # lunarbase range-safety holds v2 | range-safety holds format version 2; this build reads"
          + " up to version 1",
      "sequences/slot-1 | LBS2 | kept sequence format version 2; this build reads up to version 1"})
  void aLaterVersionStopsTheStartNamingTheFile(String name, String firstLine, String expected, @TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    Path file = data.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, firstLine + "\nwhat a later release keeps\n", StandardCharsets.UTF_8);
    if (!name.equals("boot-count")) {
      Files.writeString(data.resolve("boot-count"), "4\n"); // a folder that has run before
    }

    Throwable failure = catchThrowable(() -> Firmware.start(data, Map.of()).close());

    assertThat(failure).as("the start must fail").isNotNull();
    String line = StartFailure.describe(failure);
    assertThat(line).doesNotContain("\n").startsWith(file.toString()).contains(expected)
        .endsWith("install the release that wrote it (or a later one), or move the file aside to start without it");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("left as it was").startsWith(firstLine + "\n");
  }
}
