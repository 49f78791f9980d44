package space.lunarbase.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CapacitorStringPlantTest {

  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
  final CapacitorStringPlant.Spec demo = CapacitorStringPlant.Spec.demo();
  // 12 x 3000 F in series: 250 F; charger 32.4 V through 0.5 ohm, limited to 10 A
  final double stringF = demo.stringCapacitanceF();
  final double tau = demo.seriesOhms() * stringF; // 125 s

  @Test
  void earlyChargingIsAConstantCurrentRamp() {
    CapacitorStringPlant plant = new CapacitorStringPlant(demo, clock);
    assertThat(plant.packVoltage()).isZero();
    assertThat(plant.current()).isEqualTo(10.0);

    clock.advance(Duration.ofSeconds(100));
    double v1 = plant.packVoltage();
    clock.advance(Duration.ofSeconds(100));
    double v2 = plant.packVoltage();

    // dV/dt = I / C_string = 10 A / 250 F = 40 mV/s
    assertThat(v1).isCloseTo(4.0, withPercentage(0.01));
    assertThat((v2 - v1) / 100).isCloseTo(10 / stringF, withPercentage(0.01));
    assertThat(plant.current()).isEqualTo(10.0);
  }

  @Test
  void laterChargingApproachesTheChargerWithTimeConstantRC() {
    CapacitorStringPlant plant = new CapacitorStringPlant(demo, clock);
    // The limit releases at 32.4 V - 10 A x 0.5 ohm = 27.4 V, after about 27.4 V x 250 F / 10 A = 685 s.
    double release = demo.chargerVoltageV() - demo.chargerCurrentLimitA() * demo.seriesOhms();
    double leakage = demo.cells() * demo.leakageOhms();
    double finalV = demo.chargerVoltageV() * leakage / (leakage + demo.seriesOhms());
    clock.advance(Duration.ofSeconds(700));
    double t1Volts = plant.packVoltage();
    assertThat(t1Volts).isGreaterThan(release);
    assertThat(plant.current()).isLessThan(10.0);

    clock.advance(Duration.ofSeconds(125));
    double t2Volts = plant.packVoltage();
    clock.advance(Duration.ofSeconds(375));
    double t3Volts = plant.packVoltage();

    double measuredTau = 125 / Math.log((finalV - t1Volts) / (finalV - t2Volts));
    assertThat(measuredTau).isCloseTo(tau, withPercentage(1));
    // the analytic curve from the release point: V = Vf - (Vf - Vrel) exp(-(t - t_rel) / RC)
    double tRelease = release * stringF / demo.chargerCurrentLimitA();
    double analytic = finalV - (finalV - release) * Math.exp(-(1200 - tRelease) / tau);
    assertThat(t3Volts).isCloseTo(analytic, withPercentage(1));
    assertThat(plant.current()).isCloseTo((demo.chargerVoltageV() - t3Volts) / demo.seriesOhms(), within(1e-9));
  }

  @Test
  void energyIsHalfCVSquaredPerCell() {
    CapacitorStringPlant plant = new CapacitorStringPlant(demo, clock);
    clock.advance(Duration.ofSeconds(300));

    double pack = plant.packVoltage();
    double cell = pack / demo.cells();
    assertThat(plant.cellVoltage()).isCloseTo(cell, within(1e-12));
    assertThat(plant.energyJ()).isCloseTo(demo.cells() * 0.5 * 3000 * cell * cell, withPercentage(1e-9))
        .isCloseTo(0.5 * stringF * pack * pack, withPercentage(1e-9));
  }

  @Test
  void leakageDischargesWhenTheChargerIsOff() {
    CapacitorStringPlant.Spec full = new CapacitorStringPlant.Spec(12, 3000, 2.7, 32.4, 0.5, 10, 10_000, 2.7);
    CapacitorStringPlant plant = new CapacitorStringPlant(full, clock);
    plant.setChargerEnabled(false);

    clock.advance(Duration.ofDays(30));

    double expected = 32.4 * Math.exp(-30 * 86_400.0 / (10_000 * 3000)); // R_leak C per cell
    assertThat(plant.packVoltage()).isCloseTo(expected, withPercentage(0.01)).isLessThan(32.4);
    assertThat(plant.current()).isZero();
  }

  @Test
  void aLongJumpStaysBoundedAndSettlesAtTheCharger() {
    CapacitorStringPlant plant = new CapacitorStringPlant(demo, clock);

    clock.advance(Duration.ofDays(30)); // 26 million 100 ms steps if not capped

    assertThat(plant.packVoltage()).isCloseTo(32.4, within(0.01));
  }

  @Test
  void chargerOnAgainResumesAtTheCurrentLimit() {
    CapacitorStringPlant plant = new CapacitorStringPlant(demo, clock);
    clock.advance(Duration.ofSeconds(10));
    plant.setChargerEnabled(false);
    clock.advance(Duration.ofSeconds(10));
    double off = plant.packVoltage();
    plant.setChargerEnabled(true);
    clock.advance(Duration.ofSeconds(10));

    assertThat(off).isCloseTo(0.4, withPercentage(0.01));
    assertThat(plant.packVoltage()).isCloseTo(0.8, withPercentage(0.01));
  }

  @Test
  void specValidationNamesTheField() {
    assertThatThrownBy(() -> new CapacitorStringPlant.Spec(0, 3000, 2.7, 32.4, 0.5, 10, 10_000, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Spec.cells");
    assertThatThrownBy(() -> new CapacitorStringPlant.Spec(12, -1, 2.7, 32.4, 0.5, 10, 10_000, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Spec.cellCapacitanceF");
    assertThatThrownBy(() -> new CapacitorStringPlant.Spec(12, 3000, 2.7, 32.4, 0.5, 10, 10_000, 3.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Spec.initialCellV");
  }
}
