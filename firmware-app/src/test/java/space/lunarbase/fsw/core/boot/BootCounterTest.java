package space.lunarbase.fsw.core.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootCounterTest {

  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-30T00:00:00Z"));

  @Test
  void countsEveryStartFromOneAndPersistsIt(@TempDir Path data) throws Exception {
    Path dir = data.resolve("not-yet-there");
    assertThat(BootCounter.next(dir, CLOCK)).isEqualTo(1);
    assertThat(BootCounter.next(dir, CLOCK)).isEqualTo(2);
    assertThat(BootCounter.next(dir, CLOCK)).isEqualTo(3);
    assertThat(BootCounter.read(dir)).isEqualTo(3);
    assertThat(Files.readString(dir.resolve(BootCounter.FILE_NAME))).startsWith(BootCounter.HEADER + "\ncount=3\n");
    assertThat(dir.resolve(BootCounter.FILE_NAME + ".tmp")).doesNotExist();
  }

  @Test
  void aCorruptCountJumpsAboveAnyRealCountInsteadOfReusingOne(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve(BootCounter.FILE_NAME), "\u0000\u0000garbage");
    long boot = BootCounter.next(data, CLOCK);
    assertThat(boot).isEqualTo(CLOCK.instant().getEpochSecond() + 1);
    assertThat(BootCounter.next(data, CLOCK)).isEqualTo(boot + 1);
  }

  @Test
  void aNegativeCountIsNotTrusted(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve(BootCounter.FILE_NAME), "-5\n");
    assertThat(BootCounter.next(data, CLOCK)).isEqualTo(CLOCK.instant().getEpochSecond() + 1);
  }

  @Test
  void anUnwritableDataFolderIsAClearError(@TempDir Path data) throws Exception {
    Path file = data.resolve("a-file");
    Files.writeString(file, "not a folder");
    assertThatThrownBy(() -> BootCounter.next(file, CLOCK))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot persist the boot count in " + file)
        .hasMessageContaining("lunarbase.data-dir");
  }
}
