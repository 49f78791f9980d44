package space.lunarbase.fsw.core.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Golden;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.storage.NewerFormatException;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;

/** The range-safety holds as each version wrote them are read by today's firmware; a later version stops the start. */
class RangeSafetyHoldsGoldenTest {

  private static final Instant SINCE = Instant.parse("2030-03-01T00:00:00Z");

  @Test
  void versionOneIsRead(@TempDir Path data) {
    Golden.copy("range-safety-holds", 1, data.resolve(RangeSafetyHolds.FOLDER));
    RangeSafetyHolds holds = new RangeSafetyHolds(data, events(data), InstantSource.system());
    assertThat(holds.all()).containsExactlyInAnyOrder(
        new RangeSafetyHolds.Hold("bank", "rs-1", "command core.SET_MODE (key rs-1, request 8)", SINCE),
        new RangeSafetyHolds.Hold("rail", "rs-1", "command rail.SAFE (key rs-1, request 7)", SINCE));
  }

  @Test
  void aLaterVersionStopsTheStart(@TempDir Path data) throws Exception {
    Path file = data.resolve(RangeSafetyHolds.FOLDER).resolve("holds");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# lunarbase range-safety holds v2\nrail\n crc32=00000000\n");
    assertThatThrownBy(() -> new RangeSafetyHolds(data, events(data), InstantSource.system()))
        .isInstanceOf(NewerFormatException.class).hasMessageContaining("range-safety holds format version 2");
    assertThat(file).exists();
  }

  private static EventLog events(Path data) {
    Outbox outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 10, 1000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    return new EventLog(new HeaderStamper(new ControllerSettings("test-site", "ctl-1", data.toString()),
        new BootInfo(1, Instant.now(), "test")), outbox, InstantSource.system());
  }
}
