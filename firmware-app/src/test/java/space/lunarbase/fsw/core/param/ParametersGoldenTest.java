package space.lunarbase.fsw.core.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Golden;
import space.lunarbase.fsw.core.storage.NewerFormatException;

/** The saved parameters as each version wrote them are read by today's firmware; a later version is not touched. */
class ParametersGoldenTest {

  @Test
  void versionOneIsRead(@TempDir Path data) throws Exception {
    Golden.copy("parameters", 1, data.resolve("parameters"));
    assertThat(new ParameterFile(data).load()).containsExactly(
        java.util.Map.entry("bank.balance-band-v", "0.05"), java.util.Map.entry("rail.arm-window-s", "30"),
        java.util.Map.entry("tracker.wind-stow-mps", "12.5"));
  }

  @Test
  void aLaterVersionIsNeitherReadNorSetAside(@TempDir Path data) throws Exception {
    ParameterFile file = new ParameterFile(data);
    Files.createDirectories(file.path().getParent());
    Files.writeString(file.path(), "# lunarbase parameters v2\nrail.arm-window-s=30\ncrc32=00000000\n");
    assertThatThrownBy(file::load).isInstanceOf(NewerFormatException.class)
        .hasMessageContaining("parameters format version 2").hasMessageContaining("reads up to version 1");
    assertThat(file.path()).exists();
  }
}
