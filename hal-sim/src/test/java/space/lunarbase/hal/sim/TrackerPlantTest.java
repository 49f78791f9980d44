package space.lunarbase.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.tracker.Axis;

/** Tracker mechanics without any driver. */
class TrackerPlantTest {

  final TrackerPlant plant = new TrackerPlant(TrackerPlant.Spec.demo());

  @Test
  void ignoresStepsWhileDisabled() {
    plant.stepPulse(Axis.AZIMUTH, true);
    assertThat(plant.steps(Axis.AZIMUTH)).isZero();
  }

  @Test
  void azimuthTurnsWithoutEndAndCountsCableWraps() {
    plant.setEnabled(Axis.AZIMUTH, true);
    for (int i = 0; i < 320_000; i++) {
      plant.stepPulse(Axis.AZIMUTH, true);
    }
    assertThat(plant.angle(Axis.AZIMUTH)).isCloseTo(90, within(1e-6));
    assertThat(plant.azimuthUnwrappedDeg()).isCloseTo(450, within(1e-6));
    assertThat(plant.cableWraps()).isEqualTo(1);
  }

  @Test
  void theCableStopStallsAzimuthAndCountsTheLostSteps() {
    TrackerPlant wound = new TrackerPlant(TrackerPlant.Spec.demo().withStartWrap(-599));
    wound.setEnabled(Axis.AZIMUTH, true);
    assertThat(wound.cableWrapDeg()).isCloseTo(-599, within(1e-9));
    assertThat(wound.cableWraps()).isEqualTo(-2);
    for (int i = 0; i < 2000; i++) { // 2.25 deg of motor: 0.5 backlash, 1 deg to the stop, the rest lost
      wound.stepPulse(Axis.AZIMUTH, false);
    }
    assertThat(wound.cableWrapDeg()).isCloseTo(-600, within(0.002));
    assertThat(wound.wrapStopHits()).isBetween(665L, 669L);
    for (int i = 0; i < 2000; i++) { // back the other way it turns freely
      wound.stepPulse(Axis.AZIMUTH, true);
    }
    assertThat(wound.cableWrapDeg()).isCloseTo(-600 + 2.25 - 0.5, within(0.002));
    assertThat(plant.wrapStopHits()).isZero();
  }

  @Test
  void aMisalignedEncoderReadsTheLoadPlusItsOffset() {
    TrackerPlant nearNorth = new TrackerPlant(TrackerPlant.Spec.demo().withStartWrap(-90.2));
    nearNorth.setEncoderMisalignment(Axis.AZIMUTH, 0.5);
    nearNorth.setEncoderMisalignment(Axis.ELEVATION, -0.25);
    assertThat(nearNorth.angle(Axis.AZIMUTH)).isCloseTo(359.8, within(1e-9));
    assertThat(nearNorth.encoderAngle(Axis.AZIMUTH)).isCloseTo(0.3, within(1e-9));
    assertThat(nearNorth.encoderAngle(Axis.ELEVATION)).isCloseTo(4.75, within(1e-9));
    assertThat(plant.encoderAngle(Axis.AZIMUTH)).isEqualTo(90);
    assertThatThrownBy(() -> plant.setEncoderMisalignment(Axis.AZIMUTH, 11)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void specRejectsAStartBeyondTheCableStop() {
    assertThatThrownBy(() -> TrackerPlant.Spec.demo().withStartWrap(700))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the stop");
  }

  @Test
  void elevationStallsAtTheHardStopBeyondTheSwitch() {
    plant.setEnabled(Axis.ELEVATION, true);
    for (int i = 0; i < 20_000; i++) {
      plant.stepPulse(Axis.ELEVATION, false);
    }
    assertThat(plant.elevationLowerLimitClosed()).isTrue();
    assertThat(plant.angle(Axis.ELEVATION)).isCloseTo(-7, within(0.002));
  }

  @Test
  void specRejectsAStartOutsideTheLimits() {
    TrackerPlant.Spec d = TrackerPlant.Spec.demo();
    assertThatThrownBy(() -> new TrackerPlant.Spec(d.azimuth(), d.elevation(), 0.5, -5, 85, 2, 0, 90))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startElevationDeg");
  }

  @Test
  void polarSunCirclesOncePerSynodicMonth() {
    Instant epoch = Instant.parse("2030-01-01T00:00:00Z");
    SunDirection sun = SunDirection.polar(epoch, 10, 1.5);
    assertThat(sun.at(epoch.plus(SunDirection.SYNODIC_MONTH.dividedBy(4))).azimuthDeg()).isCloseTo(100, within(1e-6));
    assertThat(sun.at(epoch.plus(Duration.ofDays(1))).elevationDeg()).isEqualTo(1.5);
  }
}
