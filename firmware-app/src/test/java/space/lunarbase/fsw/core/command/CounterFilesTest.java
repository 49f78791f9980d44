package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.storage.NewerFormatException;

/** The replay counters' two generations, their check, the version 1 file and later versions. */
class CounterFilesTest {

  private static final Instant NOW = Instant.parse("2030-03-01T00:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(NOW);
  private static final long NOW_MICROS = NOW.getEpochSecond() * 1_000_000L;

  @Test
  void aFreshFolderHasNoFloorAndTheNewestGenerationWins(@TempDir Path data) {
    ReplayGuard guard = ReplayGuard.open(data, CLOCK, true);
    assertThat(guard.loss()).isEmpty();
    assertThat(guard.floor()).isZero();
    assertThat(guard.advance("ops-1", 5)).isTrue();
    assertThat(guard.advance("ops-1", 6)).isTrue();
    assertThat(guard.advance("rs-1", 2)).isTrue();

    ReplayGuard again = ReplayGuard.open(data, CLOCK, false);
    assertThat(again.loss()).isEmpty();
    assertThat(again.highest("ops-1")).isEqualTo(6);
    assertThat(again.highest("rs-1")).isEqualTo(2);
    assertThat(again.fresh("ops-1", 6)).isFalse();
    assertThat(again.fresh("ops-1", 7)).isTrue();
  }

  @Test
  void aDamagedNewestGenerationFallsBackToTheOlderOneAndTheFloor(@TempDir Path data) throws Exception {
    ReplayGuard guard = ReplayGuard.open(data, CLOCK, true);
    guard.advance("ops-1", 5);
    guard.advance("ops-1", NOW_MICROS + 10_000_000); // a counter ahead of the clock, kept by the older file
    guard.advance("rs-1", 9);
    CounterFiles files = new CounterFiles(data.resolve(ReplayGuard.FOLDER));
    CounterFiles.Read.Valid newest = files.newest().orElseThrow();
    Files.writeString(newest.file(), Files.readString(newest.file()).replace("rs-1=9", "rs-1=8"));

    ReplayGuard again = ReplayGuard.open(data, CLOCK, false);
    assertThat(again.loss()).hasValueSatisfying(text -> assertThat(text)
        .contains(newest.file().getFileName() + " (crc32c")
        .contains("generation " + (newest.generation() - 1) + " (")
        .contains("above " + NOW_MICROS));
    assertThat(again.highest("ops-1")).as("the older generation's mark").isEqualTo(NOW_MICROS + 10_000_000);
    assertThat(again.highest("rs-1")).as("not in the older generation: the floor").isEqualTo(NOW_MICROS);
    assertThat(newest.file().resolveSibling(newest.file().getFileName() + ".corrupt")).exists();

    ReplayGuard third = ReplayGuard.open(data, CLOCK, false);
    assertThat(third.loss()).as("the floor was kept").isEmpty();
    assertThat(third.floor()).isEqualTo(NOW_MICROS);
  }

  @Test
  void aClockBehindTheDataFolderGetsTheFloorFromItsNewestFile(@TempDir Path data) throws Exception {
    Files.createDirectories(data.resolve(ReplayGuard.FOLDER));
    Path journal = Files.createDirectories(data.resolve("journal")).resolve("cursor");
    Files.writeString(journal, "written by the run before the loss");
    Files.setLastModifiedTime(journal, java.nio.file.attribute.FileTime.from(NOW));
    InstantSource behind = InstantSource.fixed(Instant.parse("1970-01-01T00:01:00Z")); // no RTC, before NTP

    ReplayGuard guard = ReplayGuard.open(data, behind, false);
    assertThat(guard.floor()).isEqualTo(NOW_MICROS);
    assertThat(guard.loss()).hasValueSatisfying(text -> assertThat(text).contains("check the clock"));
  }

  @Test
  void aVersionOneFileIsReadAndReplacedByGenerations(@TempDir Path data) throws Exception {
    Path folder = data.resolve(ReplayGuard.FOLDER);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(CounterFiles.LEGACY), "# highest accepted command counter per key\nops-1=41\n");
    ReplayGuard guard = ReplayGuard.open(data, CLOCK, false);
    assertThat(guard.loss()).isEmpty();
    assertThat(guard.highest("ops-1")).isEqualTo(41);
    assertThat(folder.resolve(CounterFiles.LEGACY)).doesNotExist();
    assertThat(new CounterFiles(folder).newest().orElseThrow().marks()).containsEntry("ops-1", 41L);
  }

  @Test
  void anUnreadableVersionOneFileIsALossNotAFailedStart(@TempDir Path data) throws Exception {
    Path folder = data.resolve(ReplayGuard.FOLDER);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(CounterFiles.LEGACY), "ops-1=forty-one\n");
    ReplayGuard guard = ReplayGuard.open(data, CLOCK, false);
    assertThat(guard.loss()).hasValueSatisfying(text -> assertThat(text).contains("high-water cannot be read"));
    assertThat(guard.highest("ops-1")).isEqualTo(NOW_MICROS);
  }

  @Test
  void aLaterVersionStopsTheStartNamingFileAndVersions(@TempDir Path data) throws Exception {
    Path folder = data.resolve(ReplayGuard.FOLDER);
    Files.createDirectories(folder);
    Path file = folder.resolve(CounterFiles.ODD);
    Files.writeString(file, "# lunarbase command counters v3\nwhatever a later release keeps\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ReplayGuard.open(data, CLOCK, false)).isInstanceOf(NewerFormatException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("version 3")
        .hasMessageContaining("reads up to version 2");
    assertThat(file).as("left for the release that wrote it").exists();
  }
}
