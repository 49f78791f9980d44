package space.lunarbase.fsw.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static space.lunarbase.fsw.core.event.EventArg.integer;
import static space.lunarbase.fsw.core.event.EventArg.number;
import static space.lunarbase.fsw.core.event.EventArg.numberedText;
import static space.lunarbase.fsw.core.event.EventArg.text;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.Severity;

/** An event kind's declared arguments, and what an emission that does not match them meets. */
class EventDeclarationTest {

  static final EventLog.Kind TRIPPED = new EventLog.Kind(9001, "TEST_TRIPPED", "test", Severity.SEVERITY_WARNING_HI)
      .with(text("protection"), number("value", "V"), integer("cell"), number("energy_j", "J").maybeAbsent(),
          numberedText("interlock"));

  @Test
  void anEmissionCarryingExactlyTheDeclaredArgumentsMatches() {
    assertThat(TRIPPED.mismatch(Map.of("protection", "OV", "value", "2.81", "cell", "3"))).isEmpty();
    assertThat(TRIPPED.mismatch(Map.of("protection", "OV", "value", "2.81", "cell", "3", "energy_j", "12.5",
        "interlock_1", "bank not ready", "interlock_2", "breech open"))).isEmpty();
    assertThat(TRIPPED.mismatch(Map.of("protection", "OV", "value", "", "cell", "18446744073709551615")))
        .as("an absent number, an unsigned 64-bit id").isEmpty();
  }

  @Test
  void anUndeclaredAMissingOrAWronglyTypedArgumentIsNamed() {
    assertThat(TRIPPED.mismatch(Map.of("protection", "OV", "value", "2.81", "cell", "3", "volts", "2")))
        .contains("TEST_TRIPPED carries undeclared argument 'volts'");
    assertThat(TRIPPED.mismatch(Map.of("protection", "OV", "cell", "3")))
        .contains("TEST_TRIPPED lacks declared argument 'value'");
    assertThat(TRIPPED.mismatch(Map.of("protection", "OV", "value", "high", "cell", "3")))
        .contains("TEST_TRIPPED argument value must be NUMBER, was 'high'");
    assertThat(TRIPPED.mismatch(Map.of("protection", "OV", "value", "2.8", "cell", "3.5")))
        .contains("TEST_TRIPPED argument cell must be INTEGER, was '3.5'");
    assertThat(TRIPPED.mismatch(Map.of("protection", "OV", "value", "2.8", "cell", "3", "interlock_x", "?")))
        .contains("TEST_TRIPPED carries undeclared argument 'interlock_x'");
  }

  @Test
  void inTestsAnEmissionThatDoesNotMatchItsDeclarationFailsTheEmitter() throws Exception {
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    Outbox outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 1000, 1000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    EventLog events = new EventLog(new HeaderStamper(new ControllerSettings("test-site", "ctl-1", "unused"),
        new BootInfo(1, start, "test")), outbox, () -> start);

    assertThat(Boolean.getBoolean(EventLog.STRICT)).as("surefire sets " + EventLog.STRICT).isTrue();
    assertThatThrownBy(() -> events.emitUnthrottled(TRIPPED, "tripped", Map.of("protection", "OV")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks declared argument 'value'");
    events.emitUnthrottled(TRIPPED, "tripped", Map.of("protection", "OV", "value", "2.81", "cell", "3"));
    assertThat(outbox.poll(Duration.ZERO)).as("the matching one is sent").isNotNull();
  }
}
