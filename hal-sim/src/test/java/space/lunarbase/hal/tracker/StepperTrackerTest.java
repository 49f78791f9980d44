package space.lunarbase.hal.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.sim.SimAs5600;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedTracker;
import space.lunarbase.hal.sim.SkyDirection;
import space.lunarbase.hal.sim.SunSensorModel;
import space.lunarbase.hal.sim.TrackerPlant;

/** The tracker through its SolarTracker interface, on the simulated tracker with a manual clock. */
class StepperTrackerTest {

  static final double DEG_PER_STEP = 360.0 / (200 * 16 * 100);
  static final double ENCODER_LSB = 360.0 / 4096;

  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
  final AtomicReference<SkyDirection> sunNow = new AtomicReference<>(new SkyDirection(90, 5));
  final TrackerWiring wiring = TrackerWiring.demo("tracker-1");
  SimulatedTracker sim = SimulatedTracker.start(wiring, t -> sunNow.get(), clock);
  SolarTracker tracker = sim.tracker();

  @AfterEach
  void tearDown() {
    sim.close();
  }

  void restartWithElevation(double startElevationDeg) {
    sim.close();
    TrackerPlant.Spec d = TrackerPlant.Spec.demo();
    TrackerPlant.Spec spec = new TrackerPlant.Spec(d.azimuth(), d.elevation(), d.backlashDeg(),
        d.elevationLowerLimitDeg(), d.elevationUpperLimitDeg(), d.overtravelDeg(), d.startAzimuthDeg(), startElevationDeg);
    sim = SimulatedTracker.start(wiring, spec, SunSensorModel.Spec.demo(), t -> sunNow.get(), clock,
        StepperTracker.Settings.defaults(wiring.id()));
    tracker = sim.tracker();
  }

  @Test
  void encoderFollowsCommandedSteps() {
    tracker.enableMotors(true);
    AngleReading before = tracker.encoderAngle(Axis.AZIMUTH);

    assertThat(tracker.step(Axis.AZIMUTH, 2000)).isEqualTo(2000);

    AngleReading after = tracker.encoderAngle(Axis.AZIMUTH);
    assertThat(before.degrees()).isEqualTo(90.0);
    assertThat(after.quality()).isEqualTo(Quality.GOOD);
    assertThat(after.degrees()).isCloseTo(90 + 2000 * DEG_PER_STEP, within(ENCODER_LSB / 2));
    assertThat(after.time()).isEqualTo(clock.instant());
    assertThat(sim.plant().steps(Axis.AZIMUTH)).isEqualTo(2000);
  }

  @Test
  void backlashShowsOnReversal() {
    tracker.enableMotors(true);
    tracker.step(Axis.AZIMUTH, 2000);
    tracker.step(Axis.AZIMUTH, -2000);

    double backlash = TrackerPlant.Spec.demo().backlashDeg();
    assertThat(sim.plant().angle(Axis.AZIMUTH)).isCloseTo(90 + backlash, within(1e-9));
    assertThat(tracker.encoderAngle(Axis.AZIMUTH).degrees()).isCloseTo(90 + backlash, within(ENCODER_LSB / 2));
  }

  @Test
  void elevationEndStopClosesItsSwitchAndMovingFurtherIsRefused() {
    restartWithElevation(83);
    tracker.enableMotors(true);

    int moved = tracker.step(Axis.ELEVATION, 2000);

    // The switch at 85 deg closes after 2 deg = 1778 steps and ends the move there.
    assertThat(moved).isBetween(1777, 1779);
    assertThat(tracker.limits().elevationUpperClosed()).isTrue();
    assertThat(tracker.encoderAngle(Axis.ELEVATION).degrees()).isCloseTo(85, within(ENCODER_LSB));
    assertThatThrownBy(() -> tracker.step(Axis.ELEVATION, 10)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("upper limit switch is CLOSED");
    assertThat(tracker.step(Axis.ELEVATION, -1000)).isEqualTo(-1000);
    assertThat(tracker.limits().elevationUpperClosed()).isFalse();
  }

  @Test
  void sunSensorIsValidAndCentredWhenPointedAtTheSun() {
    SunSensorReading r = tracker.sunSensor();

    assertThat(r.valid()).isTrue();
    assertThat(r.quality()).isEqualTo(Quality.GOOD);
    assertThat(r.totalV()).isCloseTo(3.2, within(0.02));
    assertThat(r.azimuthOffset()).isCloseTo(0, within(0.002));
    assertThat(r.elevationOffset()).isCloseTo(0, within(0.002));
  }

  @Test
  void offsetSignsPointTowardsTheSun() {
    sunNow.set(new SkyDirection(92, 7));
    SunSensorReading r = tracker.sunSensor();
    assertThat(r.valid()).isTrue();
    assertThat(r.azimuthOffset()).isPositive();
    assertThat(r.elevationOffset()).isPositive();

    sunNow.set(new SkyDirection(88, 3));
    r = tracker.sunSensor();
    assertThat(r.azimuthOffset()).isNegative();
    assertThat(r.elevationOffset()).isNegative();
  }

  @Test
  void closingTheLoopOnTheSensorCentresIt() {
    sunNow.set(new SkyDirection(93, 6));
    tracker.enableMotors(true);
    for (int i = 0; i < 20; i++) {
      SunSensorReading r = tracker.sunSensor();
      tracker.step(Axis.AZIMUTH, (int) Math.round(Math.signum(r.azimuthOffset()) * Math.min(2000, Math.abs(r.azimuthOffset()) * 20000)));
      tracker.step(Axis.ELEVATION, (int) Math.round(Math.signum(r.elevationOffset()) * Math.min(2000, Math.abs(r.elevationOffset()) * 20000)));
    }
    SunSensorReading r = tracker.sunSensor();
    assertThat(r.azimuthOffset()).isCloseTo(0, within(0.02));
    assertThat(r.elevationOffset()).isCloseTo(0, within(0.02));
  }

  @Test
  void sensorIsDarkWhenTheSunIsFarOffOrBelowTheHorizon() {
    sunNow.set(new SkyDirection(120, 5));
    assertThat(tracker.sunSensor().valid()).isFalse();
    assertThat(tracker.sunSensor().azimuthOffset()).isNaN();
    sunNow.set(new SkyDirection(90, -1));
    assertThat(tracker.sunSensor().valid()).isFalse();
    assertThat(tracker.sunSensor().quality()).isEqualTo(Quality.GOOD);
  }

  @Test
  void moveTowardsIsBoundedAndConverges() {
    tracker.enableMotors(true);
    assertThat(tracker.moveTowards(Axis.AZIMUTH, 100)).isEqualTo(2000);
    for (int i = 0; i < 10; i++) {
      tracker.moveTowards(Axis.AZIMUTH, 100);
    }
    assertThat(tracker.encoderAngle(Axis.AZIMUTH).degrees()).isCloseTo(100, within(ENCODER_LSB));
  }

  @Test
  void azimuthGoesTheShortWayRound() {
    tracker.enableMotors(true);
    assertThat(tracker.moveTowards(Axis.AZIMUTH, 80)).isEqualTo(-2000);
  }

  @Test
  void moveByTurnsTheWayItIsToldAcrossNorthAndCountsItsSteps() {
    tracker.enableMotors(true);
    tracker.moveTowards(Axis.AZIMUTH, 10); // 80 deg down the short way, 2000 steps a call
    for (int i = 0; i < 40 && Math.abs(tracker.encoderAngle(Axis.AZIMUTH).degrees() - 10) > ENCODER_LSB; i++) {
      tracker.moveTowards(Axis.AZIMUTH, 10);
    }
    long before = tracker.stepsIssued(Axis.AZIMUTH);
    double unwrappedBefore = sim.plant().azimuthUnwrappedDeg();

    // 20 deg further negative, through north: moveTowards(350) would go the same way, but a
    // -340 deg move is what cable-wrap bookkeeping may need, and moveBy does not shorten it
    int moved = 0;
    for (int i = 0; i < 8; i++) {
      moved += tracker.moveBy(Axis.AZIMUTH, -2.25);
    }

    assertThat(moved).isEqualTo(-16_000);
    assertThat(tracker.stepsIssued(Axis.AZIMUTH) - before).isEqualTo(-16_000);
    assertThat(sim.plant().azimuthUnwrappedDeg() - unwrappedBefore).isCloseTo(-18, within(TrackerPlant.Spec.demo()
        .backlashDeg() + 1e-9));
    assertThat(tracker.encoderAngle(Axis.AZIMUTH).degrees()).isGreaterThan(350);
  }

  @Test
  void moveByIsBoundedPerCallAndIgnoresLessThanHalfAStep() {
    tracker.enableMotors(true);
    assertThat(tracker.moveBy(Axis.AZIMUTH, 400)).isEqualTo(tracker.maxStepsPerCall());
    assertThat(tracker.moveBy(Axis.AZIMUTH, -400)).isEqualTo(-tracker.maxStepsPerCall());
    assertThat(tracker.moveBy(Axis.AZIMUTH, DEG_PER_STEP * 0.4)).isZero();
    assertThat(tracker.moveBy(Axis.ELEVATION, DEG_PER_STEP * 3)).isEqualTo(3);
    assertThatThrownBy(() -> tracker.moveBy(Axis.AZIMUTH, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stowBringsElevationToTheStowAngle() {
    tracker.enableMotors(true);
    boolean stowed = false;
    for (int i = 0; i < 10 && !stowed; i++) {
      stowed = tracker.stow();
    }
    assertThat(stowed).isTrue();
    assertThat(sim.plant().angle(Axis.ELEVATION)).isCloseTo(0, within(0.2));
  }

  @Test
  void disabledMotorsRefuseToStep() {
    assertThatThrownBy(() -> tracker.step(Axis.AZIMUTH, 1)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("disabled");
    assertThat(tracker.motorsEnabled()).isFalse();
  }

  @Test
  void movesBeyondTheBoundAreRejected() {
    tracker.enableMotors(true);
    assertThatThrownBy(() -> tracker.step(Axis.AZIMUTH, tracker.maxStepsPerCall() + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // Injected faults: documented effect, then recovery

  @Test
  void encoderNackGivesAFailedReadingAndBlocksClosedLoopMoves() {
    tracker.enableMotors(true);
    sim.encoder(Axis.AZIMUTH).injectNack(true);

    AngleReading r = tracker.encoderAngle(Axis.AZIMUTH);
    assertThat(r.quality()).isEqualTo(Quality.FAILED);
    assertThat(r.degrees()).isNaN();
    assertThat(r.fault()).contains("tracker-1/az-encoder").contains("NACK");
    assertThatThrownBy(() -> tracker.moveTowards(Axis.AZIMUTH, 95)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("FAILED");

    sim.encoder(Axis.AZIMUTH).clearFaults();
    assertThat(tracker.encoderAngle(Axis.AZIMUTH).quality()).isEqualTo(Quality.GOOD);
  }

  @Test
  void stuckEncoderGoesStaleAfterCommandedMotion() {
    tracker.enableMotors(true);
    tracker.encoderAngle(Axis.AZIMUTH);
    sim.encoder(Axis.AZIMUTH).injectStuckAngle(true);

    tracker.step(Axis.AZIMUTH, 2000);

    AngleReading r = tracker.encoderAngle(Axis.AZIMUTH);
    assertThat(r.quality()).isEqualTo(Quality.STALE);
    assertThat(r.fault()).contains("stuck");

    sim.encoder(Axis.AZIMUTH).clearFaults();
    assertThat(tracker.encoderAngle(Axis.AZIMUTH).quality()).isEqualTo(Quality.GOOD);
  }

  @Test
  void magnetLostIsAFailedReadingNotANumber() {
    sim.encoder(Axis.ELEVATION).injectMagnet(SimAs5600.Magnet.LOST);

    AngleReading r = tracker.encoderAngle(Axis.ELEVATION);
    assertThat(r.quality()).isEqualTo(Quality.FAILED);
    assertThat(r.degrees()).isNaN();
    assertThat(r.fault()).contains("no magnet");

    sim.encoder(Axis.ELEVATION).clearFaults();
    assertThat(tracker.encoderAngle(Axis.ELEVATION).degrees()).isCloseTo(5, within(ENCODER_LSB));
  }

  @Test
  void chatteringLimitSwitchIsAssumedClosedAndBlocksThatDirection() {
    tracker.enableMotors(true);
    sim.pins().injectChatter(wiring.elevationUpperLimitPin(), 1000);

    LimitReading limits = tracker.limits();
    assertThat(limits.quality()).isEqualTo(Quality.FAILED);
    assertThat(limits.elevationUpperClosed()).isTrue();
    assertThat(limits.fault()).contains("el-upper-limit").contains("bouncing");
    assertThatThrownBy(() -> tracker.step(Axis.ELEVATION, 10)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("UNSTABLE");

    sim.pins().clearFaults(wiring.elevationUpperLimitPin());
    assertThat(tracker.limits().quality()).isEqualTo(Quality.GOOD);
    assertThat(tracker.step(Axis.ELEVATION, 10)).isEqualTo(10);
  }

  @Test
  void adcNeverReadyGivesAFailedSunReading() {
    sim.sunAdc().injectNeverReady(true);

    SunSensorReading r = tracker.sunSensor();
    assertThat(r.quality()).isEqualTo(Quality.FAILED);
    assertThat(r.valid()).isFalse();
    assertThat(r.fault()).contains("tracker-1/sun-adc").contains("not ready");

    sim.sunAdc().clearFaults();
    assertThat(tracker.sunSensor().valid()).isTrue();
  }

  @Test
  void adcFlippedSignBitIsOutOfRange() {
    sim.sunAdc().injectFlippedBit(15);
    SunSensorReading r = tracker.sunSensor();
    assertThat(r.quality()).isEqualTo(Quality.OUT_OF_RANGE);
    assertThat(r.valid()).isFalse();
  }

  @Test
  void stepperFaultPinRefusesStepsUntilCleared() {
    tracker.enableMotors(true);
    sim.plant().injectDriverFault(Axis.AZIMUTH, true);

    assertThatThrownBy(() -> tracker.step(Axis.AZIMUTH, 100)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("tracker-1/az-stepper").hasMessageContaining("nFAULT");

    sim.plant().injectDriverFault(Axis.AZIMUTH, false);
    assertThat(tracker.step(Axis.AZIMUTH, 100)).isEqualTo(100);
  }
}
