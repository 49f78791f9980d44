package space.lunarbase.hal.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Wiring mistakes are caught with messages naming the field. */
class TrackerWiringTest {

  final TrackerWiring demo = TrackerWiring.demo("tracker-1");

  TrackerWiring with(TrackerWiring.I2cDevice el, TrackerWiring.AxisPins elPins, int upper) {
    return new TrackerWiring(demo.id(), demo.azimuthEncoder(), el, demo.sunSensorAdc(), demo.azimuthPins(), elPins,
        demo.elevationLowerLimitPin(), upper, demo.azimuthMechanics(), demo.elevationMechanics());
  }

  @Test
  void demoIsValid() {
    assertThat(demo.deviceName("az-encoder")).isEqualTo("tracker-1/az-encoder");
  }

  @Test
  void encodersMustNotShareAnAddress() {
    assertThatThrownBy(() -> with(new TrackerWiring.I2cDevice(1, 0x36), demo.elevationPins(), 24))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different buses or behind a mux");
  }

  @Test
  void pinsMustBeDistinctAndOnTheHeader() {
    assertThatThrownBy(() -> with(demo.elevationEncoder(), demo.elevationPins(), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("elevationUpperLimitPin uses BCM 5, already used by TrackerWiring.azimuthPins.step");
    assertThatThrownBy(() -> with(demo.elevationEncoder(), new TrackerWiring.AxisPins(12, 16, 20, 40), 24))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elevationPins.faultN");
  }

  @Test
  void badIdAndMechanicsAreRejected() {
    assertThatThrownBy(() -> TrackerWiring.demo("Tracker 1")).hasMessageContaining("[a-z0-9-]+");
    assertThatThrownBy(() -> new AxisMechanics(200, 3, 100)).hasMessageContaining("power of two");
    assertThat(AxisMechanics.demo().stepsPerTurn()).isEqualTo(320_000);
  }
}
