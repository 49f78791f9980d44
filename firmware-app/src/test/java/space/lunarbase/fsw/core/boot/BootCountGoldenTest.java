package space.lunarbase.fsw.core.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Golden;
import space.lunarbase.fsw.core.storage.NewerFormatException;

/** The boot count as each version wrote it is read by today's firmware; a later version stops the start. */
class BootCountGoldenTest {

  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2030-03-01T00:00:00Z"));

  @Test
  void versionOneTheBareNumberIsReadAndCountedOn(@TempDir Path data) throws Exception {
    Golden.copy("boot-count", 1, data);
    assertThat(BootCounter.read(data)).isEqualTo(7);
    assertThat(BootCounter.next(data, CLOCK)).isEqualTo(8);
    assertThat(Files.readString(data.resolve(BootCounter.FILE_NAME))).startsWith(BootCounter.HEADER + "\n");
  }

  @Test
  void versionTwoIsRead(@TempDir Path data) throws Exception {
    Golden.copy("boot-count", 2, data);
    assertThat(BootCounter.read(data)).isEqualTo(7);
    assertThat(BootCounter.next(data, CLOCK)).isEqualTo(8);
  }

  @Test
  void aLaterVersionStopsTheStart(@TempDir Path data) throws Exception {
    Path file = data.resolve(BootCounter.FILE_NAME);
    Files.writeString(file, "# lunarbase boot count v9\ncount=7\ncrc32=00000000\n");
    assertThatThrownBy(() -> BootCounter.next(data, CLOCK)).isInstanceOf(NewerFormatException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("boot count format version 9")
        .hasMessageContaining("reads up to version 2");
    assertThat(Files.readString(file)).contains("count=7");
  }
}
