package space.lunarbase.fsw.app.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.event.EventCatalogue;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.sim.SimAs5600;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.hal.tracker.Axis;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Mode;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TrackerState;
import space.lunarbase.proto.v1.TrackerTelemetry;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder.Received;

/**
 * The tracker through the flight core, in the firmware on a real broker: signed commands in on
 * {@code cmd}, acks, events and {@code tlm/tracker} frames out. The simulated board's clock starts
 * on 2026-11-01 (the Sun is up at the demo site) and runs at real time; the controller runs at
 * 10 Hz.
 */
class TrackerCommandingTest {

  static final String TLM = Firmware.topic("tlm/tracker");
  static final Duration WAIT = Duration.ofSeconds(30);

  static MosquittoBroker broker;
  static CommandTester tester;

  @BeforeAll
  static void start(@TempDir Path data) {
    broker = MosquittoBroker.start();
    tester = CommandTester.start(data, broker.url(), Map.of("hal.sim-start", "2026-11-01T00:00:00Z",
        "lunarbase.tracker.control-period", "100ms", "lunarbase.tracker.telemetry-period", "100ms"), 1);
  }

  @AfterAll
  static void stop() {
    tester.close();
    broker.close();
  }

  @Test
  void operatorsTrackStowPointAndUnwindOnlyWhereItMakesSense() {
    nominalAndTracking();
    assertThat(tester.firmware().getBean(EventCatalogue.class).kinds()).containsAll(new TrackerEvents().events());

    failed(tester.command("tracker.TRACK"), "already automatic: state TRACKING");
    failed(tester.command("tracker.UNWIND"), "nothing to unwind");
    tester.assertRejected(tester.command("tracker.POINT").number("azimuth_deg", 100).number("elevation_deg", 10),
        Reason.REASON_ILLEGAL_IN_MODE);
    tester.assertRejected(tester.command("tracker.SET_WRAP").number("wrap_deg", 10), Reason.REASON_ILLEGAL_IN_MODE);

    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "MAINTENANCE"));
    tester.assertRejected(tester.command("tracker.TRACK"), Reason.REASON_ILLEGAL_IN_MODE);
    tester.assertRejected(tester.command("tracker.POINT").number("azimuth_deg", 100).number("elevation_deg", 90),
        Reason.REASON_OUT_OF_RANGE);
    tester.assertRejected(tester.command("tracker.POINT").number("azimuth_deg", 100), Reason.REASON_BAD_ARGUMENT);
    CommandAck pointed = tester.assertCompleted(
        tester.command("tracker.POINT").number("azimuth_deg", 100).number("elevation_deg", 10));
    assertThat(pointed.getText()).contains("pointing to azimuth 100.00 deg, elevation 10.00 deg");
    TrackerTelemetry there = awaitFrame(t -> t.getState() == TrackerState.TRACKER_STATE_MANUAL
        && Math.abs(t.getAzimuth().getAngleDeg() - 100) < 0.1 && Math.abs(t.getElevation().getAngleDeg() - 10) < 0.1);
    assertThat(there.getMode()).isEqualTo(Mode.MODE_MAINTENANCE);
    tester.assertRejected(tester.command("tracker.SET_WRAP").number("wrap_deg", 9999), Reason.REASON_OUT_OF_RANGE);
    failed(tester.command("tracker.SET_WRAP").number("wrap_deg", 200), "the azimuth encoder reads");

    tester.assertCompleted(tester.command("tracker.STOW"));
    TrackerTelemetry stowed = awaitFrame(t -> t.getState() == TrackerState.TRACKER_STATE_STOWED);
    assertThat(stowed.getMotorsEnabled()).isFalse();
    assertThat(stowed.getElevation().getAngleDeg()).isBetween(-0.2, 0.2);
    failed(tester.command("tracker.STOW"), "already stowed");
    Event event = tester.awaitEvent("TRACKER_STATE_CHANGED", e -> "STOWED".equals(e.getArgsMap().get("to")));
    assertThat(event.getSubsystem()).isEqualTo("tracker");
    assertThat(event.getId()).isEqualTo(4001);

    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "NOMINAL"));
    assertThat(awaitFrame(t -> t.getMode() == Mode.MODE_NOMINAL).getState())
        .as("the operator's stow holds across the mode change").isEqualTo(TrackerState.TRACKER_STATE_STOWED);
    assertThat(tester.assertCompleted(tester.command("tracker.TRACK")).getText())
        .isEqualTo("automatic tracking resumes");
    awaitFrame(t -> t.getState() == TrackerState.TRACKER_STATE_TRACKING && t.getSunSensorInLoop()
        && t.getPointingErrorDeg() < 0.3);
  }

  @Test
  void aLostAzimuthMagnetStowsTheTrackerAndRecoveryWaitsForTheOperator() {
    nominalAndTracking();
    SimulatedBoard board = (SimulatedBoard) tester.firmware().getBean(Board.class);
    SimAs5600 encoder = board.trackerSim().orElseThrow().encoder(Axis.AZIMUTH);

    encoder.injectMagnet(SimAs5600.Magnet.LOST);
    Event fault = tester.awaitEvent("TRACKER_FAULT", e -> true);
    assertThat(fault.getArgsMap()).containsEntry("fault", "TRACKER_ENCODER_FAULT");
    assertThat(fault.getText()).contains("azimuth encoder FAILED").contains("no magnet");
    tester.awaitEvent("SAFING", e -> "tracker".equals(e.getArgsMap().get("subsystems")));
    tester.awaitEvent("MODE_CHANGED", e -> "tracker".equals(e.getArgsMap().get("subsystem"))
        && "SAFE".equals(e.getArgsMap().get("to")));
    TrackerTelemetry safe = awaitFrame(t -> t.getState() == TrackerState.TRACKER_STATE_STOWED);
    assertThat(safe.getMode()).isEqualTo(Mode.MODE_SAFE);
    assertThat(safe.getMotorsEnabled()).isFalse();
    assertThat(safe.getAzimuth().getQuality()).isEqualTo(Quality.QUALITY_FAILED);
    tester.assertRejected(tester.command("tracker.UNWIND"), Reason.REASON_ILLEGAL_IN_MODE);
    failed(tester.command("tracker.STOW"), "already stowed");

    encoder.clearFaults();
    tester.awaitEvent("TRACKER_FAULT_CLEARED", e -> "TRACKER_ENCODER_FAULT".equals(e.getArgsMap().get("fault")));
    assertThat(awaitFrame(t -> t.getAzimuth().getQuality() == Quality.QUALITY_GOOD).getState())
        .as("stays stowed until an operator says otherwise").isEqualTo(TrackerState.TRACKER_STATE_STOWED);
    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "NOMINAL"));
    awaitFrame(t -> t.getState() == TrackerState.TRACKER_STATE_TRACKING);
  }

  @Test
  void theSimulatedBoardStartsFromItsPlantsCableWrapWithoutAWarning() throws InvalidProtocolBufferException {
    Event known = tester.awaitEvent("CABLE_WRAP_FROM_HARDWARE", e -> true);
    assertThat(known.getSeverity()).isEqualTo(Severity.SEVERITY_ACTIVITY_LO);
    assertThat(Double.parseDouble(known.getArgsMap().get("wrap_deg")))
        .as("the demo plant starts with its cable relaxed").isCloseTo(0, within(1.0));
    List<String> names = new ArrayList<>();
    for (Received m : tester.recorder().on(CommandTester.EVT)) {
      names.add(Event.parseFrom(m.payload()).getName());
    }
    assertThat(names).contains("CABLE_WRAP_FROM_HARDWARE").doesNotContain("CABLE_WRAP_ASSUMED");
  }

  /** Whatever an earlier test left: the tracker NOMINAL and tracking automatically. */
  private static void nominalAndTracking() {
    if (awaitFrame(t -> true).getMode() != Mode.MODE_NOMINAL) {
      tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "NOMINAL"));
    }
    if (awaitFrame(t -> t.getMode() == Mode.MODE_NOMINAL).getState() == TrackerState.TRACKER_STATE_STOWED) {
      tester.assertCompleted(tester.command("tracker.TRACK"));
    }
    awaitFrame(t -> t.getMode() == Mode.MODE_NOMINAL && t.getState() == TrackerState.TRACKER_STATE_TRACKING);
  }

  private static void failed(space.lunarbase.fsw.core.command.TestCommand command, String reason) {
    var acks = tester.send(command);
    assertThat(acks).extracting(CommandAck::getStatus).containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_FAILED);
    assertThat(acks.getLast().getText()).contains(reason);
  }

  /** The first live frame on tlm/tracker received after the call whose payload matches. */
  private static TrackerTelemetry awaitFrame(Predicate<TrackerTelemetry> predicate) {
    int seen = tester.recorder().on(TLM).size();
    AtomicReference<TrackerTelemetry> found = new AtomicReference<>();
    await("a tlm/tracker frame").atMost(WAIT).until(() -> {
      var frames = tester.recorder().on(TLM);
      for (int i = seen; i < frames.size(); i++) {
        TrackerTelemetry t = tracker(frames.get(i));
        if (t != null && predicate.test(t)) {
          found.set(t);
          return true;
        }
      }
      return false;
    });
    return found.get();
  }

  private static TrackerTelemetry tracker(Received m) {
    try {
      TelemetryFrame frame = TelemetryFrame.parseFrom(m.payload());
      return frame.getHeader().getHistorical() || !frame.hasTracker() ? null : frame.getTracker();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a TelemetryFrame on " + m.topic(), e);
    }
  }
}
