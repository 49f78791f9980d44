package space.lunarbase.hil.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.Severity;

/**
 * The rig itself, on the firmware's embedded broker: a fault injected through the control channel
 * shows in telemetry and clears; a refused fault says why; the clock runs faster when told; and a
 * failing wait says what it waited for and what it saw instead.
 */
class RigTest {

  @RegisterExtension
  final Scenario scenario = Scenario.of("0", "The rig itself",
      "The rig on the firmware's embedded broker: faults through the control channel, the clock, failure messages.");

  @Test
  void faultsClockAndFailureMessagesOnTheEmbeddedBroker() {
    Rig rig = scenario.start(RigOptions.defaults().withEmbeddedBroker().bankSamplePeriod("100ms"));
    assertThat(rig.brokerUrl()).startsWith("tcp://127.0.0.1:");
    rig.awaitTelemetry("bank", f -> f.getBank().getQuality() == Quality.QUALITY_GOOD, Rig.TIMEOUT);

    Mark nack = rig.mark();
    assertThat(rig.injectFault("bank.pack-monitor-nack", "on", true)).isEqualTo("INA226 NACK: true");
    var failed = rig.awaitTelemetry(nack, "bank", f -> f.getBank().getQuality() == Quality.QUALITY_FAILED, Rig.TIMEOUT);
    assertThat(failed.getBank().getFault()).isNotBlank();
    rig.clearFaults();
    rig.awaitTelemetry("bank", f -> f.getBank().getQuality() == Quality.QUALITY_GOOD, Rig.TIMEOUT);

    SimControl.Refused refused = (SimControl.Refused) catchThrowable(() -> rig.injectFault("bank.cell-esr", "cell", 99,
        "ohms", 0.1));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused).hasMessageContaining("cell='99' is not valid: use a whole number from 0 to 11");

    Instant before = rig.simNow();
    long realBefore = System.nanoTime();
    rig.setClockRate(20);
    rig.awaitSimTime(before.plusSeconds(20), Duration.ofSeconds(10));
    double real = (System.nanoTime() - realBefore) / 1e9;
    rig.setClockRate(1);
    assertThat(real).as("20 simulated seconds at rate 20 take about one real second").isLessThan(5);
    rig.figure("real seconds for 20 simulated seconds at rate 20", "%.2f".formatted(real));

    rig.sendAndAwaitAck("core.NOOP", Args.none(), Status.STATUS_COMPLETED);
    Throwable wrongEnd = catchThrowable(() -> rig.sendAndAwaitAck("bank.SET_CHARGE_CURRENT", Args.of("amps", 2),
        Status.STATUS_COMPLETED));
    assertThat(wrongEnd).isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected bank.SET_CHARGE_CURRENT (request ")
        .hasMessageContaining("but it ended ack REJECTED BAD_ARGUMENT bank.SET_CHARGE_CURRENT");

    Throwable timedOut = catchThrowable(() -> rig.awaitTelemetry("bank", f -> f.getBank().getPackVoltageV() > 1e6,
        Duration.ofMillis(600)));
    assertThat(timedOut).isInstanceOf(AssertionError.class)
        .hasMessageContaining("timed out after PT0.6S waiting for a frame on tlm/bank that matches; seen:")
        .hasMessageContaining("tlm/bank #").hasMessageContaining("bank_id: \"bank-1\"");

    Mark quiet = rig.mark();
    rig.assertNoEventWithin(EventMatch.atLeast(Severity.SEVERITY_FATAL), Duration.ofSeconds(1));
    rig.assertEventCount(EventMatch.named("COMMAND_COMPLETED"), 0, quiet, Duration.ofMillis(200));
    Throwable counted = catchThrowable(() -> rig.assertEventCount(EventMatch.named("COMMAND_COMPLETED"), 5,
        Mark.BEGINNING, Duration.ofMillis(300)));
    assertThat(counted).hasMessageStartingWith("expected 5 event(s) COMMAND_COMPLETED, saw 1:")
        .hasMessageContaining("core/COMMAND_COMPLETED");
  }
}
