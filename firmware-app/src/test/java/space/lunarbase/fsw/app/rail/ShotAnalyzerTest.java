package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.device.railfe.CoilTriggerEvent;
import space.lunarbase.hal.device.railfe.EventFlag;
import space.lunarbase.hal.device.railfe.GateEvent;
import space.lunarbase.hal.device.railfe.RailEvent;
import space.lunarbase.hal.rail.EventBatch;
import space.lunarbase.proto.v1.ShotAnomaly.Kind;

/**
 * The analysis on FIFO records written by hand from a plan's ideal trajectory on the demo rail
 * (coils every 10 m from 0, gates at 5, 15, ..., 75 m), then spoilt one way at a time.
 */
class ShotAnalyzerTest {

  static final RailGeometry DEMO = RailGeometry.of(BoardDescription.demo().rail().orElseThrow());
  static final long T0 = 5_000_000_000L; // the front-end's counter at FIRE
  static final double TOLERANCE = 0.02;

  final ShotPlanner planner = new ShotPlanner(DEMO);
  final ShotAnalyzer analyzer = new ShotAnalyzer(DEMO);
  final ShotPlan twoStages = planner.plan("sat-1", 10, 100, 0.5, 50_000);

  /** Coil triggers at the plan's times and a crossing of every gate when the plan puts the sled there. */
  static List<RailEvent> ideal(ShotPlan plan) {
    List<RailEvent> events = new ArrayList<>();
    for (int k = 0; k < plan.stages(); k++) {
      events.add(new CoilTriggerEvent(k, T0 + plan.fireTimesNs().get(k)));
    }
    for (int g = 0; g < DEMO.gates(); g++) {
      events.add(gate(g, T0 + Math.round(plan.timeAt(DEMO.gate(g)) * 1e9)));
    }
    events.sort(Comparator.comparingLong(RailEvent::timestampNs));
    return events;
  }

  static GateEvent gate(int gate, long t, EventFlag... flags) {
    return new GateEvent(gate, t, Set.of(flags));
  }

  ShotAnalysis analyse(ShotPlan plan, List<RailEvent> events) {
    ShotRecording recording = new ShotRecording();
    recording.add(batch(events, false, 0, 0));
    return analyzer.analyze(plan, recording, TOLERANCE);
  }

  static EventBatch batch(List<RailEvent> events, boolean overflow, int dropped, int lost) {
    return new EventBatch(Instant.EPOCH, events, 0, overflow, dropped, lost, Quality.GOOD, "");
  }

  static List<Kind> kinds(ShotAnalysis analysis) {
    return analysis.anomalies().stream().map(ShotAnomaly::kind).toList();
  }

  @Test
  void aCleanShotGivesThePlansSpeedsAndNoAnomaly() {
    ShotAnalysis analysis = analyse(twoStages, ideal(twoStages));

    assertThat(analysis.anomalies()).isEmpty();
    assertThat(analysis.crossings()).extracting(ShotAnalysis.Crossing::gate).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(analysis.stageSpeedsMps()).hasSize(2);
    assertThat(analysis.stageSpeedsMps().get(0)).isCloseTo(Math.sqrt(5000), within(1e-4));
    assertThat(analysis.exitSpeedMps().getAsDouble()).isCloseTo(100, within(1e-6));
    // gates 0-1 straddle coil 1's kick: 10 m in 5/70.71 s + 5/100 s
    assertThat(analysis.segmentSpeedsMps().getFirst()).isCloseTo(10 / (5 / Math.sqrt(5000) + 0.05), within(1e-4));
    assertThat(analysis.segmentSpeedsMps().subList(1, 7)).allSatisfy(v -> assertThat(v).isCloseTo(100, within(1e-4)));
  }

  @Test
  void oneGateAfterTheLastStageIsEnoughWhenTheSpeedsBeforeAreKnown() {
    ShotPlan eight = planner.plan("sat-8", 10, 200, 0.5, 50_000); // coil 7 at 70 m, only gate 7 (75 m) after it
    assertThat(eight.stages()).isEqualTo(8);

    ShotAnalysis analysis = analyse(eight, ideal(eight));

    assertThat(analysis.anomalies()).isEmpty();
    assertThat(analysis.exitSpeedMps().getAsDouble()).isCloseTo(200, within(1e-4));
    for (int k = 0; k < 8; k++) {
      assertThat(analysis.stageSpeedsMps().get(k)).isCloseTo(eight.stageSpeedsMps().get(k), within(1e-4));
    }
  }

  @Test
  void aDeadGateIsAMissingGateAndTheSpeedsComeFromTheOthers() {
    List<RailEvent> events = new ArrayList<>(ideal(twoStages));
    events.removeIf(e -> e instanceof GateEvent g && g.gate() == 3);

    ShotAnalysis analysis = analyse(twoStages, events);

    assertThat(analysis.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(Kind.KIND_MISSING_GATE);
      assertThat(a.gate()).isEqualTo(3);
      assertThat(a.text()).isEqualTo("gate 3 (35.00 m) reported no crossing");
    });
    assertThat(analysis.exitSpeedMps().getAsDouble()).isCloseTo(100, within(1e-6));
    assertThat(analysis.segmentSpeedsMps()).hasSize(6);
  }

  @Test
  void timesOutOfOrderAreReportedAndLeftOutOfTheSpeeds() {
    List<RailEvent> events = new ArrayList<>(ideal(twoStages));
    // gate 5's record carries a time before gate 4's: a swapped cable, or a bad timestamp
    GateEvent five = (GateEvent) events.stream().filter(e -> e instanceof GateEvent g && g.gate() == 5).findFirst()
        .orElseThrow();
    GateEvent four = (GateEvent) events.stream().filter(e -> e instanceof GateEvent g && g.gate() == 4).findFirst()
        .orElseThrow();
    events.set(events.indexOf(five), gate(5, four.timestampNs() - 1_000));

    ShotAnalysis analysis = analyse(twoStages, events);

    // gate 5's early time is kept (it came first), gate 4 is left out; the speeds around gate 5 show it
    assertThat(analysis.anomalies()).extracting(a -> a.kind() + " " + a.gate()).containsExactly(
        "KIND_OUT_OF_ORDER 5", "KIND_OUT_OF_ORDER 4", "KIND_SPEED_JUMP 5", "KIND_SPEED_JUMP 6");
    assertThat(analysis.anomalies().get(0).text()).contains("gate 5 record at").contains("comes after a record at");
    assertThat(analysis.anomalies().get(1).text()).contains("gate 4 crossed at").contains("after gate 5");
    assertThat(analysis.crossings()).extracting(ShotAnalysis.Crossing::gate).containsExactly(0, 1, 2, 3, 5, 6, 7);
    assertThat(analysis.segmentSpeedsMps()).allSatisfy(v -> assertThat(v).isPositive());
  }

  @Test
  void noisePulsesAndRepeatedCrossingsAreReportedAndIgnored() {
    List<RailEvent> events = new ArrayList<>(ideal(twoStages));
    long t2 = events.stream().filter(e -> e instanceof GateEvent g && g.gate() == 2).findFirst().orElseThrow()
        .timestampNs();
    events.add(gate(2, t2 + 1_000, EventFlag.NOISE));
    events.add(gate(2, t2 + 2_000, EventFlag.NOISE));
    events.add(gate(6, t2 + 3_000));
    events.sort(Comparator.comparingLong(RailEvent::timestampNs));
    events.removeIf(e -> e instanceof GateEvent g && g.gate() == 6 && g.timestampNs() != t2 + 3_000);
    events.add(gate(6, t2 + 500_000_000)); // the real crossing, later: the first one is what counts

    ShotAnalysis analysis = analyse(twoStages, events);

    assertThat(analysis.anomalies()).extracting(a -> a.kind() + " " + a.gate()).contains("KIND_NOISY_GATE 2",
        "KIND_DUPLICATE_CROSSING 6");
    assertThat(analysis.anomalies().stream().filter(a -> a.kind() == Kind.KIND_NOISY_GATE).findFirst().orElseThrow()
        .text()).isEqualTo("gate 2: 2 pulse(s) shorter than the deglitch width");
  }

  @Test
  void aSpeedFarFromThePlanIsASpeedJump() {
    List<RailEvent> events = new ArrayList<>(ideal(twoStages));
    GateEvent four = (GateEvent) events.stream().filter(e -> e instanceof GateEvent g && g.gate() == 4).findFirst()
        .orElseThrow();
    events.set(events.indexOf(four), gate(4, four.timestampNs() + 5_000_000)); // 5 ms late: 0.5 m at 100 m/s

    ShotAnalysis analysis = analyse(twoStages, events);

    assertThat(analysis.anomalies()).extracting(a -> a.kind() + " " + a.gate())
        .containsExactly("KIND_SPEED_JUMP 4", "KIND_SPEED_JUMP 5");
    assertThat(analysis.anomalies().getFirst().text()).isEqualTo("gates 3-4: 95.238 m/s, the plan gives 100.000 m/s");
  }

  @Test
  void aCoilThatDrewNoCurrentOrNeverFiredIsReportedAndTheExitSpeedIsOff() {
    List<RailEvent> events = new ArrayList<>();
    events.add(new CoilTriggerEvent(0, T0));
    events.add(new CoilTriggerEvent(1, T0 + twoStages.fireTimesNs().get(1), Set.of(EventFlag.NO_CURRENT)));
    double v = Math.sqrt(5000); // one stage only
    for (int g = 0; g < DEMO.gates(); g++) {
      events.add(gate(g, T0 + Math.round(DEMO.gate(g) / v * 1e9)));
    }
    events.sort(Comparator.comparingLong(RailEvent::timestampNs));

    ShotAnalysis analysis = analyse(twoStages, events);

    assertThat(kinds(analysis)).contains(Kind.KIND_COIL_NO_CURRENT, Kind.KIND_EXIT_SPEED_OFF,
        Kind.KIND_SPEED_JUMP);
    assertThat(analysis.exitSpeedMps().getAsDouble()).isCloseTo(v, within(1e-4));

    events.removeIf(e -> e instanceof CoilTriggerEvent t && t.coil() == 1);
    assertThat(analyse(twoStages, events).anomalies()).extracting(a -> a.kind() + " " + a.coil())
        .contains("KIND_COIL_NOT_TRIGGERED 1");
  }

  @Test
  void withoutATriggerTheExitSpeedIsNotMeasured() {
    ShotAnalysis analysis = analyse(twoStages, List.of());
    assertThat(analysis.exitSpeedMps()).isEmpty();
    assertThat(kinds(analysis)).contains(Kind.KIND_EXIT_SPEED_UNMEASURED, Kind.KIND_COIL_NOT_TRIGGERED,
        Kind.KIND_MISSING_GATE);
    assertThat(analysis.anomalies().stream().filter(a -> a.kind() == Kind.KIND_MISSING_GATE)).hasSize(8);
  }

  @Test
  void lossOnTheWayAndHowTheShotEndedAreAnomalies() {
    ShotRecording recording = new ShotRecording();
    recording.add(batch(ideal(twoStages), true, 12, 15));
    recording.add(EventBatch.failed(Instant.EPOCH, "rail-1/frontend: no answer"));
    recording.add(EventBatch.failed(Instant.EPOCH, "rail-1/frontend: CRC mismatch"));
    recording.timedOut();
    recording.aborted();

    ShotAnalysis analysis = analyzer.analyze(twoStages, recording, TOLERANCE);

    assertThat(analysis.anomalies()).extracting(a -> a.kind() + ": " + a.text()).containsExactly(
        "KIND_FIFO_OVERFLOW: the front-end's FIFO overflowed: 12 records dropped",
        "KIND_RECORDS_LOST: 15 records lost to corrupt FIFO reads",
        "KIND_RECORDS_LOST: 2 FIFO drain(s) failed, the first: rail-1/frontend: no answer",
        "KIND_SHOT_TIMEOUT: the front-end was still firing at the shot timeout; it was disarmed",
        "KIND_ABORTED: the shot was aborted before its analysis was complete");
  }
}
