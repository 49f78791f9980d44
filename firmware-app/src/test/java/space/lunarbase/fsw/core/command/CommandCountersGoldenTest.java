package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Golden;

/** The replay counters as each version wrote them are read by today's firmware, nothing lost. */
class CommandCountersGoldenTest {

  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2030-03-01T00:00:00Z"));

  @Test
  void versionOneIsReadAndMigrated(@TempDir Path data) throws Exception {
    Golden.copy("command-counters", 1, data.resolve(ReplayGuard.FOLDER));
    ReplayGuard guard = ReplayGuard.open(data, CLOCK, false);
    assertThat(guard.loss()).isEmpty();
    assertThat(guard.floor()).isZero();
    assertThat(guard.highest("ops-1")).isEqualTo(1733580000123456L);
    assertThat(guard.highest("rs-1")).isEqualTo(42);
    assertThat(new CounterFiles(data.resolve(ReplayGuard.FOLDER)).newest().orElseThrow().marks())
        .containsEntry("ops-1", 1733580000123456L).containsEntry("rs-1", 42L);
  }

  @Test
  void versionTwoIsRead(@TempDir Path data) throws Exception {
    Golden.copy("command-counters", 2, data.resolve(ReplayGuard.FOLDER));
    ReplayGuard guard = ReplayGuard.open(data, CLOCK, false);
    assertThat(guard.loss()).isEmpty();
    assertThat(guard.highest("ops-1")).isEqualTo(1733580000123457L);
    assertThat(guard.highest("rs-1")).isEqualTo(42);
    assertThat(new CounterFiles(data.resolve(ReplayGuard.FOLDER)).newest().orElseThrow().generation()).isEqualTo(4);
  }
}
