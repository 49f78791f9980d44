package space.lunarbase.fsw.app.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Golden;
import space.lunarbase.fsw.core.storage.NewerFormatException;

/** The saved cable wrap as each version wrote it is read by today's firmware; a later version stops the start. */
class CableWrapGoldenTest {

  @Test
  void versionOneIsRead(@TempDir Path data) throws Exception {
    Golden.copy("cable-wrap", 1, data.resolve("tracker"));
    assertThat(new WrapStore(data).load()).hasValue(-372.5);
  }

  @Test
  void aLaterVersionStopsTheStart(@TempDir Path data) throws Exception {
    Path file = data.resolve("tracker").resolve(WrapStore.NAME);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# lunarbase tracker cable wrap v2\nturns=-1\ncrc32=00000000\n");
    assertThatThrownBy(() -> new WrapStore(data)).isInstanceOf(NewerFormatException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("version 2");
  }
}
