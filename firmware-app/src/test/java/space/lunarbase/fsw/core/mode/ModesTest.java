package space.lunarbase.fsw.core.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;

/** The modes every start begins with, and the guards' veto. */
class ModesTest {

  static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

  @Test
  void theBankAndTheRailStartSafeAtEveryStartTheOthersNominal(@TempDir Path data) {
    Modes first = new Modes(events(data));
    first.set("bank", Mode.NOMINAL, "operator");
    first.set("rail", Mode.NOMINAL, "operator");
    assertThat(first.of("bank")).contains(Mode.NOMINAL);

    Modes restarted = new Modes(events(data));
    assertThat(restarted.snapshot()).isEqualTo(Map.of("core", Mode.NOMINAL, "bank", Mode.SAFE, "tracker", Mode.NOMINAL,
        "rail", Mode.SAFE, "link", Mode.NOMINAL));
    assertThat(restarted.of("sled")).isEmpty();
  }

  @Test
  void aGuardKeepsTheModeAndNamesWhy(@TempDir Path data) {
    ModeGuard hot = (subsystem, from, to) -> subsystem.equals("bank") && to == Mode.NOMINAL
        ? Optional.of("red condition persists") : Optional.empty();
    Modes modes = new Modes(events(data), List.of(hot));
    assertThatThrownBy(() -> modes.set("bank", Mode.NOMINAL, "operator")).isInstanceOf(ModeRefused.class)
        .hasMessage("bank stays SAFE: red condition persists");
    assertThat(modes.of("bank")).contains(Mode.SAFE);
    assertThat(modes.set("bank", Mode.MAINTENANCE, "operator")).isEqualTo(Mode.SAFE);
    assertThatThrownBy(() -> modes.set("sled", Mode.SAFE, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  private static EventLog events(Path data) {
    ControllerSettings controller = new ControllerSettings("test-site", "ctl-1", data.toString());
    Outbox outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 100, 1000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    return new EventLog(new HeaderStamper(controller, new BootInfo(1, T0, "test")), outbox, InstantSource.fixed(T0));
  }
}
