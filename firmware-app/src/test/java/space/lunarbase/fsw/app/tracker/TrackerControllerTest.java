package space.lunarbase.fsw.app.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.sim.SimAs5600;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.hal.sim.SunDirection;
import space.lunarbase.hal.sim.TrackerPlant;
import space.lunarbase.hal.tracker.Axis;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TrackerTelemetry;

/**
 * The tracker controller on the simulated board, step by step on a manual clock: stow on command
 * and on faults, the Sun setting, manual pointing, refusals with their reasons, the cable wrap
 * across a restart, the sun sensor in and out of the loop, and what its telemetry says.
 */
class TrackerControllerTest {

  /** The Sun is up at the demo site (elevation about 1.5 degrees). */
  static final Instant SUN_UP = Instant.parse("2026-11-01T00:00:00Z");
  /** Six hours before the Sun sets at the demo site (about 2027-02-07T03:15Z, 0.02 degrees a day). */
  static final Instant BEFORE_SUNSET = Instant.parse("2027-02-06T21:00:00Z");
  static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir
  Path data;
  TrackerTester stack;

  @AfterEach
  void close() {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * A stack whose array points 3 degrees east of the Sun, with the cable wound to the turn of that
   * azimuth nearest {@code wrapHint} (saved, as a previous boot would have).
   */
  TrackerTester start(Instant at, double wrapHint, Map<String, Object> parameters) throws IOException {
    double sunAz = SunDirection.ephemeris(SimulatedBoard.Plants.DEMO_SITE).at(at).azimuthDeg();
    double wrap = CableWrap.restore(wrapHint, sunAz + 3, 90);
    new WrapStore(data).save(wrap);
    stack = new TrackerTester(data, at, TrackerPlant.Spec.demo().withStartWrap(wrap), parameters, 1);
    return stack;
  }

  void tracking() {
    assertThat(stack.stepUntil(MINUTE, Duration.ofHours(3), s -> s.state() == TrackerState.TRACKING
        && s.truePointingErrorDeg() < 0.2)).as("tracking within 3 h").isTrue();
  }

  @Test
  void stowOnCommandKeepsItStowedUntilTrack() throws IOException {
    start(SUN_UP, 0, Map.of());
    tracking();

    assertThat(stack.controller.stow()).contains("stowing");
    assertThat(stack.stepUntil(MINUTE, Duration.ofMinutes(10), s -> s.state() == TrackerState.STOWED)).isTrue();
    assertThat(stack.plant().angle(Axis.ELEVATION)).isCloseTo(0, within(0.2));
    assertThat(stack.plant().enabled(Axis.AZIMUTH)).isFalse();
    assertThat(stack.plant().enabled(Axis.ELEVATION)).isFalse();
    assertThat(stack.entered(TrackerState.STOWING).getFirst().getArgsMap().get("cause")).contains("tracker.STOW");
    assertThatThrownBy(() -> stack.controller.stow()).isInstanceOf(CommandFailure.class).hasMessage("already stowed");
    long steps = stack.plant().steps(Axis.AZIMUTH);
    stack.stepUntil(MINUTE, Duration.ofHours(2), s -> false);
    assertThat(stack.state()).isEqualTo(TrackerState.STOWED);
    assertThat(stack.plant().steps(Axis.AZIMUTH)).as("stowed stays put while the Sun moves on").isEqualTo(steps);

    assertThat(stack.controller.track()).isEqualTo("automatic tracking resumes");
    tracking();
    assertThatThrownBy(() -> stack.controller.track()).isInstanceOf(CommandFailure.class)
        .hasMessageStartingWith("already automatic: state TRACKING");
  }

  @Test
  void aStuckAzimuthEncoderSafesTheTrackerWhichStowsThenDisablesItsMotors() throws IOException {
    start(SUN_UP, 0, Map.of());
    tracking();
    stack.sim.encoder(Axis.AZIMUTH).injectStuckAngle(true);

    assertThat(stack.stepUntil(Duration.ofSeconds(30), Duration.ofHours(3),
        s -> s.modes.of("tracker").orElseThrow() == Mode.SAFE)).as("detected within 3 h").isTrue();
    Event fault = stack.events("TRACKER_FAULT").getFirst();
    assertThat(fault.getArgsMap()).containsEntry("fault", "TRACKER_ENCODER_FAULT");
    assertThat(fault.getText()).contains("azimuth encoder STALE").contains("stuck");
    assertThat(stack.events("SAFING").getFirst().getArgsMap()).containsEntry("subsystems", "tracker");
    assertThat(stack.truePointingErrorDeg()).as("the run-away before detection is bounded").isLessThan(2);

    assertThat(stack.stepUntil(Duration.ofSeconds(30), Duration.ofMinutes(10),
        s -> s.state() == TrackerState.STOWED)).isTrue();
    assertThat(stack.plant().angle(Axis.ELEVATION)).isCloseTo(0, within(0.2));
    assertThat(stack.sim.tracker().motorsEnabled()).isFalse();
    assertThat(stack.entered(TrackerState.STOWING).getFirst().getArgsMap().get("cause")).contains("SAFE");
    assertThat(stack.events("TRACKER_FAULT")).as("raised once while SAFE").hasSize(1);
    assertThatThrownBy(() -> stack.controller.unwind()).isInstanceOf(CommandFailure.class)
        .hasMessageContaining("cannot unwind: TRACKER_ENCODER_FAULT");
  }

  @Test
  void aLostElevationMagnetLeavesNoWayToStowSoTheMotorsGoOffAtOnce() throws IOException {
    start(SUN_UP, 0, Map.of());
    tracking();
    stack.sim.encoder(Axis.ELEVATION).injectMagnet(SimAs5600.Magnet.LOST);

    stack.step(MINUTE);

    assertThat(stack.modes.of("tracker")).contains(Mode.SAFE);
    assertThat(stack.state()).isEqualTo(TrackerState.FAULT);
    assertThat(stack.status().cause()).contains("cannot stow").contains("elevation encoder FAILED");
    assertThat(stack.sim.tracker().motorsEnabled()).isFalse();
    assertThat(stack.events("TRACKER_FAULT").getFirst().getText()).contains("no magnet");
    assertThatThrownBy(() -> stack.controller.stow()).isInstanceOf(CommandFailure.class)
        .hasMessageStartingWith("cannot stow");

    stack.sim.encoder(Axis.ELEVATION).clearFaults(); // repaired: the operator brings it back
    stack.step(MINUTE);
    assertThat(stack.events("TRACKER_FAULT_CLEARED")).hasSize(1);
    stack.modes.set("tracker", Mode.NOMINAL, "test: repaired");
    tracking();
  }

  @Test
  void aFaultedDriveStopsTheStowAndEndsInFault() throws IOException {
    start(SUN_UP, 0, Map.of());
    tracking();
    stack.plant().injectDriverFault(Axis.AZIMUTH, true);
    stack.plant().injectDriverFault(Axis.ELEVATION, true);

    assertThat(stack.stepUntil(Duration.ofSeconds(30), Duration.ofMinutes(30),
        s -> s.state() == TrackerState.FAULT)).isTrue();
    assertThat(stack.events("TRACKER_FAULT").getFirst().getArgsMap()).containsEntry("fault", "TRACKER_DRIVE_FAULT");
    assertThat(stack.events("TRACKER_FAULT").getFirst().getText()).contains("nFAULT");
    assertThat(stack.status().cause()).startsWith("cannot stow");
    assertThat(stack.sim.tracker().motorsEnabled()).isFalse();
  }

  @Test
  void whenTheSunSetsTheTrackerUnwindsThenIdlesWithoutMoving() throws IOException {
    start(BEFORE_SUNSET, -300, Map.of());
    tracking();
    assertThat(stack.status().wrapDeg()).isLessThan(-180);

    assertThat(stack.stepUntil(MINUTE, Duration.ofHours(12), s -> s.state() == TrackerState.IDLE)).isTrue();
    assertThat(stack.sun.at(stack.clock.instant()).elevationDeg()).isNegative();
    Event unwinding = stack.entered(TrackerState.UNWINDING).getFirst();
    assertThat(unwinding.getArgsMap().get("cause")).contains("Sun below the horizon");
    assertThat(stack.entered(TrackerState.IDLE).getFirst().getArgsMap().get("cause"))
        .contains("Sun below the horizon");
    assertThat(stack.plant().cableWrapDeg()).isBetween(-180.0, 180.0);
    assertThat(stack.status().wrapDeg()).isCloseTo(stack.plant().cableWrapDeg(), within(0.1));
    assertThat(stack.sim.tracker().motorsEnabled()).isFalse();

    long az = stack.plant().steps(Axis.AZIMUTH);
    long el = stack.plant().steps(Axis.ELEVATION);
    stack.stepUntil(Duration.ofMinutes(10), Duration.ofDays(2), s -> false);
    assertThat(stack.state()).isEqualTo(TrackerState.IDLE);
    assertThat(stack.plant().steps(Axis.AZIMUTH)).as("no tracking below the horizon").isEqualTo(az);
    assertThat(stack.plant().steps(Axis.ELEVATION)).isEqualTo(el);
    assertThat(stack.entered(TrackerState.TRACKING)).hasSize(1);
  }

  @Test
  void maintenancePointsWhereTheOperatorSaysWithinTheCableLimit() throws IOException {
    start(SUN_UP, -450, Map.of());
    stack.modes.set("tracker", Mode.MAINTENANCE, "test");
    stack.step(MINUTE);
    assertThat(stack.state()).isEqualTo(TrackerState.MANUAL);
    assertThat(stack.status().cause()).contains("holding");
    long held = stack.plant().steps(Axis.AZIMUTH);
    stack.stepUntil(MINUTE, Duration.ofMinutes(30), s -> false);
    assertThat(stack.plant().steps(Axis.AZIMUTH)).as("holding still while the Sun moves").isEqualTo(held);

    // 200 degrees further negative would wind the cable past -540: it goes the other way round
    double wrapBefore = stack.status().wrapDeg();
    double az = stack.status().azimuth().degrees() - 200;
    double target = az - 360 * Math.floor(az / 360);
    assertThat(stack.controller.point(target, 20)).contains("pointing to azimuth");
    assertThat(stack.stepUntil(Duration.ofSeconds(30), Duration.ofHours(2), s -> s.status().azimuth().good()
        && Math.abs(CableWrap.shortest(s.status().azimuth().degrees() - target)) < 0.1
        && Math.abs(s.status().elevation().degrees() - 20) < 0.1)).isTrue();
    assertThat(wrapBefore - 200).isLessThan(-540);
    assertThat(stack.status().wrapDeg()).isCloseTo(wrapBefore + 160, within(0.2));
    assertThat(stack.plant().wrapStopHits()).isZero();

    stack.modes.set("tracker", Mode.NOMINAL, "test");
    tracking();
  }

  @Test
  void everyCommandIsRefusedInTheWrongStateWithAReason() throws IOException {
    start(SUN_UP, 300, Map.of());
    tracking();
    TrackerController c = stack.controller;
    refused(c::track, "already automatic: state TRACKING");

    stack.modes.set("tracker", Mode.MAINTENANCE, "test");
    c.point(stack.status().azimuth().degrees(), 20);
    stack.stepUntil(MINUTE, Duration.ofMinutes(30), s -> Math.abs(s.status().elevation().degrees() - 20) < 0.1);
    c.stow();
    stack.step(Duration.ofSeconds(1));
    assertThat(stack.state()).isEqualTo(TrackerState.STOWING);
    refused(c::stow, "already stowing");
    refused(c::unwind, "stowing: unwind once STOWED");
    stack.stepUntil(MINUTE, Duration.ofMinutes(30), s -> s.state() == TrackerState.STOWED);
    refused(c::stow, "already stowed");

    assertThat(c.unwind()).startsWith("unwinding from");
    stack.step(MINUTE);
    assertThat(stack.state()).isEqualTo(TrackerState.UNWINDING);
    refused(c::unwind, "already unwinding");
    refused(() -> c.point(10, 10), "unwinding: point once it is done");
    refused(() -> c.setWrap(0), "unwinding: set the wrap once it is done");
    stack.stepUntil(MINUTE, Duration.ofHours(4), s -> s.state() != TrackerState.UNWINDING);
    assertThat(stack.state()).as("back to the operator's stow").isEqualTo(TrackerState.STOWED);
    assertThat(stack.status().wrapDeg()).isBetween(-180.0, 180.0);
    assertThat(stack.plant().angle(Axis.ELEVATION)).isCloseTo(0, within(0.2));
    refused(c::unwind, "nothing to unwind: wrap");
    refused(() -> c.setWrap(stack.status().wrapDeg() + 100), "the azimuth encoder reads");

    stack.sim.encoder(Axis.ELEVATION).injectMagnet(SimAs5600.Magnet.TOO_STRONG);
    stack.step(MINUTE);
    assertThat(stack.modes.of("tracker")).contains(Mode.SAFE);
    assertThat(stack.state()).as("already stowed, motors off").isEqualTo(TrackerState.STOWED);
    stack.modes.set("tracker", Mode.NOMINAL, "test: a recovery attempt");
    stack.step(MINUTE);
    assertThat(stack.modes.of("tracker")).as("the fault is seen again and safes it again").contains(Mode.SAFE);
    assertThat(stack.events("TRACKER_FAULT")).hasSize(2);
    refused(c::track, "cannot track: TRACKER_ENCODER_FAULT elevation encoder FAILED");
    refused(c::unwind, "cannot unwind: TRACKER_ENCODER_FAULT");
    refused(() -> c.point(10, 10), "cannot point: TRACKER_ENCODER_FAULT");
    refused(c::stow, "already stowed");
  }

  @Test
  void aRestartPicksTheSavedTurnAndANewSiteAssumesOneUntilTheOperatorSetsIt() throws IOException {
    start(SUN_UP, 300, Map.of());
    tracking();
    stack.stepUntil(Duration.ofMinutes(5), Duration.ofHours(6), s -> false);
    double truth = stack.plant().cableWrapDeg();
    assertThat(truth).isGreaterThan(180);

    stack.reboot();
    stack.step(MINUTE);
    assertThat(stack.events("CABLE_WRAP_RESTORED")).hasSize(2);
    assertThat(stack.status().wrapDeg()).isCloseTo(truth, within(0.2));

    Files.writeString(new WrapStore(data).path(), "# lunarbase tracker cable wrap v1\nwrap-deg=-12\ncrc32=00000000\n");
    stack.reboot();
    stack.step(MINUTE);
    Event assumed = stack.events("CABLE_WRAP_ASSUMED").getLast();
    assertThat(assumed.getText()).contains("cannot be read").contains("crc32");
    assertThat(Files.exists(data.resolve("tracker/cable-wrap.corrupt"))).isTrue();
    double guess = stack.status().wrapDeg();
    assertThat(guess).as("wrong by a turn: the cable really has one more").isCloseTo(truth - 360, within(0.2));

    stack.modes.set("tracker", Mode.MAINTENANCE, "test: checking the cable");
    stack.step(MINUTE);
    refused(() -> stack.controller.setWrap(truth + 90), "the azimuth encoder reads");
    assertThat(stack.controller.setWrap(Math.rint(truth))).startsWith("cable wrap");
    stack.step(MINUTE);
    assertThat(stack.status().wrapDeg()).isCloseTo(truth, within(0.2));
    assertThat(stack.events("CABLE_WRAP_SET")).hasSize(1);
    stack.reboot();
    stack.step(MINUTE);
    assertThat(stack.status().wrapDeg()).as("the correction was saved").isCloseTo(truth, within(0.2));
  }

  @Test
  void aSimulatedBoardStartsFromItsPlantsWrapWhereARealBoardMustAssumeOne() throws IOException {
    TrackerPlant.Spec wound = TrackerPlant.Spec.demo().withStartWrap(-400);
    new WrapStore(data).save(300); // left by an earlier run, whose plant is gone
    stack = new TrackerTester(data, SUN_UP, wound, Map.of(), 1, true);
    stack.step(MINUTE);
    assertThat(stack.status().wrapDeg()).as("the plant's turn, not the file's").isCloseTo(-400, within(3.0));
    assertThat(stack.events("CABLE_WRAP_FROM_HARDWARE")).singleElement()
        .satisfies(e -> assertThat(e.getText()).contains("hardware's own -400.00 deg"));
    assertThat(stack.events("CABLE_WRAP_ASSUMED")).isEmpty();
    assertThat(stack.events("CABLE_WRAP_RESTORED")).isEmpty();

    try (TrackerTester real = new TrackerTester(Files.createDirectories(data.resolve("real")), SUN_UP, wound, Map.of(),
        1, false)) {
      real.step(MINUTE);
      assertThat(real.events("CABLE_WRAP_ASSUMED")).as("a real cable has no wrap sensor").hasSize(1);
      assertThat(real.events("CABLE_WRAP_FROM_HARDWARE")).isEmpty();
      assertThat(real.status().wrapDeg()).as("wrong by a turn until an operator sets it")
          .isCloseTo(-40, within(3.0));
    }
  }

  @Test
  void aSunSensorDarkForLongWhileTheSunIsUpLetsItUnwindAndTrackOnTheEphemeris() throws IOException {
    start(Instant.parse("2026-11-12T00:00:00Z"), 400, Map.of("lunarbase.parameters.tracker.dark-unwind-after-s",
        1800.0));
    tracking();
    assertThat(stack.status().wrapDeg()).isGreaterThan(270);
    assertThat(stack.status().sensorInLoop()).isTrue();
    for (int quadrant = 0; quadrant < 4; quadrant++) {
      stack.sim.sunAdc().input(quadrant, () -> 0.002); // a shadow from the crater rim: dark but answering
    }
    stack.step(MINUTE);
    assertThat(stack.status().sensorInLoop()).isFalse();
    assertThat(stack.events("SUN_SENSOR_OUT_OF_LOOP").getLast().getArgsMap().get("reason")).startsWith("dark");

    assertThat(stack.stepUntil(MINUTE, Duration.ofHours(1), s -> s.state() == TrackerState.UNWINDING)).isTrue();
    assertThat(stack.entered(TrackerState.UNWINDING).getFirst().getArgsMap().get("cause"))
        .contains("sun sensor dark since");
    tracking();
    assertThat(stack.status().wrapDeg()).isBetween(-180.0, 180.0);
    assertThat(stack.status().pointingSource()).isEqualTo(PointingSource.EPHEMERIS);
  }

  @Test
  void theSunSensorCorrectsAMisalignedEncoderAndCanBeTakenOutOfTheLoop() throws IOException {
    start(SUN_UP, 0, Map.of());
    stack.plant().setEncoderMisalignment(Axis.AZIMUTH, 0.8);
    stack.stepUntil(MINUTE, Duration.ofMinutes(30), s -> false);
    assertThat(stack.status().correctionAzimuthDeg()).isCloseTo(0.8, within(0.1));
    assertThat(stack.truePointingErrorDeg()).isLessThan(0.15);

    stack.parameters.set(TrackerParameters.SUN_SENSOR_ENABLED, "false", "test");
    stack.step(MINUTE);
    assertThat(stack.status().sensorInLoop()).isFalse();
    assertThat(stack.events("SUN_SENSOR_OUT_OF_LOOP").getLast().getArgsMap().get("reason")).contains("disabled");
    stack.plant().setEncoderMisalignment(Axis.AZIMUTH, 0.0); // the mounting shifts back: nothing sees it now
    stack.stepUntil(MINUTE, Duration.ofMinutes(30), s -> false);
    assertThat(stack.status().correctionAzimuthDeg()).as("the last correction is kept").isCloseTo(0.8, within(0.1));
    assertThat(stack.status().pointingSource()).isEqualTo(PointingSource.EPHEMERIS);
    assertThat(stack.truePointingErrorDeg()).isCloseTo(0.8, within(0.15));
  }

  @Test
  void itsFramesSayWhatItIsDoing() throws IOException {
    start(SUN_UP, 0, Map.of());
    tracking();
    stack.stepUntil(MINUTE, Duration.ofMinutes(10), s -> false); // readings are taken before each cycle's move

    TelemetryFrame frame = stack.telemetry.getLast();
    assertThat(frame.getHeader().getSampleTimeNs()).isPositive();
    TrackerTelemetry t = frame.getTracker();
    assertThat(t.getTrackerId()).isEqualTo("tracker-1");
    assertThat(t.getState()).isEqualTo(space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_TRACKING);
    assertThat(t.getMode()).isEqualTo(space.lunarbase.proto.v1.Mode.MODE_NOMINAL);
    assertThat(t.getWrapDeg()).isCloseTo(stack.plant().cableWrapDeg(), within(0.1));
    assertThat(t.getAzimuth().getWrapTurns()).isEqualTo((int) Math.floor(t.getWrapDeg() / 360));
    assertThat(t.getSunAzimuthDeg()).isCloseTo(stack.sun.at(stack.clock.instant()).azimuthDeg(), within(0.05));
    assertThat(t.getSunElevationDeg()).isCloseTo(stack.sun.at(stack.clock.instant()).elevationDeg(), within(0.05));
    assertThat(t.getPointingErrorSource()).isEqualTo(space.lunarbase.proto.v1.PointingSource.POINTING_SOURCE_SUN_SENSOR);
    assertThat(t.getSunSensorInLoop()).isTrue();
    assertThat(t.getPointingErrorDeg()).isLessThan(0.3);
    assertThat(t.getSunSensor().getQuadrantVCount()).isEqualTo(4);
    assertThat(t.getSunSensor().getQuality()).isEqualTo(space.lunarbase.proto.v1.Quality.QUALITY_GOOD);
    assertThat(t.getAzimuth().getQuality()).isEqualTo(space.lunarbase.proto.v1.Quality.QUALITY_GOOD);
    assertThat(t.getAzimuth().getTargetDeg()).isCloseTo(t.getSunAzimuthDeg() + t.getCorrectionAzDeg(), within(0.01));
    assertThat(t.getAzimuth().getPositionSteps()).isEqualTo(stack.sim.tracker().stepsIssued(Axis.AZIMUTH));
    assertThat(t.getMotorsEnabled()).isTrue();
    assertThat(stack.status().azimuth().quality()).isEqualTo(Quality.GOOD);
  }

  private interface Command {
    String run();
  }

  private static void refused(Command command, String reason) {
    assertThatThrownBy(command::run).isInstanceOf(CommandFailure.class).hasMessageContaining(reason);
  }
}
