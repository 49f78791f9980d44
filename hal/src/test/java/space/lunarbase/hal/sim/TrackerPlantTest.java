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
