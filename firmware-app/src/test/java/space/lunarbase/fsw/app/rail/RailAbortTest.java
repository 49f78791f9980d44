package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.ShotAnomaly.Kind;
import space.lunarbase.proto.v1.ShotReport;

/** ABORT in each state: the hardware safe, the state SAFE, the events saying from where and why. */
class RailAbortTest {

  @TempDir
  Path data;

  @ParameterizedTest
  @EnumSource(RailState.class)
  void abortFromEachStateLeavesTheRailSafe(RailState state) {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      tester.bringTo(state);

      String text = tester.completed(tester.command("rail.ABORT"));

      assertThat(text).contains("(was " + state);
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      tester.assertHardwareSafe();
      if (state == RailState.SAFE) {
        assertThat(tester.events("RAIL_ABORTED")).isEmpty();
        return;
      }
      Event aborted = tester.events("RAIL_ABORTED").getFirst();
      assertThat(aborted.getArgsMap()).containsEntry("from", state.name()).containsEntry("payload", RailTester.PAYLOAD);
      assertThat(aborted.getArgsMap().get("cause")).contains("rail.ABORT").contains("test-operator");
      Event last = tester.events("RAIL_STATE_CHANGED").getLast();
      assertThat(last.getArgsMap()).containsEntry("from", state.name()).containsEntry("to", "SAFE");
      if (state == RailState.FIRE || state == RailState.ANALYZE) {
        ShotReport report = tester.shots().getLast();
        assertThat(report.getAnalyzed()).isTrue();
        assertThat(report.getPayloadId()).isEqualTo(RailTester.PAYLOAD);
        assertThat(report.getAnomalyDetailsList()).extracting(a -> a.getKind()).contains(Kind.KIND_ABORTED);
        assertThat(tester.sequencer.plan()).as("a fired plan is used up").isEmpty();
      } else {
        assertThat(tester.sequencer.plan()).as("an unfired plan stays").isPresent();
        tester.completed(tester.command("rail.ARM"));
        assertThat(tester.sequencer.arm()).isEqualTo(2);
      }
    }
  }

  @Test
  void abortWhileFiringCancelsTheCoilsStillPending() {
    try (RailTester tester = new RailTester(data)) {
      tester.charge(Duration.ofSeconds(90)); // two stages: 100 kJ
      tester.completed(tester.plan("sat-0002", 10, 100));
      String token = RailTester.tokenIn(tester.completed(tester.command("rail.ARM")));
      tester.cycleUntil(() -> tester.sequencer.state() == RailState.ARMED, Duration.ofSeconds(1), "ARMED");
      tester.completed(tester.fire(token));
      tester.cycleFor(Duration.ofMillis(50)); // coil 0 fired at FIRE; coil 1 is due at 141 ms

      tester.completed(tester.command("rail.ABORT").key(TestKeys.RANGE_SAFETY));
      tester.cycleFor(Duration.ofSeconds(1));

      assertThat(tester.railSim.plant().energyUsedJ()).as("one stage only").isEqualTo(50_000.0);
      ShotReport report = tester.shots().getLast();
      assertThat(report.getAnomalyDetailsList()).extracting(a -> a.getKind() + " " + a.getCoil())
          .contains("KIND_ABORTED -1", "KIND_COIL_NOT_TRIGGERED 1");
      tester.assertHardwareSafe();
    }
  }

  @Test
  void theRailsModeLeavingNominalAbortsTheSequence() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      tester.armed();

      tester.completed(tester.command("core.SET_MODE").text("subsystem", "rail").text("mode", "SAFE"));
      tester.cycle();

      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      assertThat(tester.events("RAIL_ABORTED").getFirst().getArgsMap()).containsEntry("cause", "rail mode SAFE")
          .containsEntry("from", "ARMED");
      tester.assertHardwareSafe();
    }
  }
}
