package space.lunarbase.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.sim.CellStringPlant.Switch;

class CellStringPlantTest {

  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));

  CellStringPlant charging(double spread, double duty) {
    CellStringPlant plant = new CellStringPlant(CellStringPlant.Spec.demo(spread), clock);
    plant.setCoil(Switch.MAIN, true);
    plant.setChargerDuty(duty);
    return plant;
  }

  @Test
  void constantCurrentChargesEachCellAsQOverC() {
    CellStringPlant plant = charging(0.05, 0.5); // 50 A
    assertThat(plant.current()).isEqualTo(50.0);

    clock.advance(Duration.ofSeconds(20));

    for (int i = 0; i < plant.cells(); i++) {
      double c = plant.spec().cells().get(i).capacitanceF();
      // Q = I t = 1000 C; leakage (10 kohm) takes away < 0.01 % in 20 s
      assertThat(plant.cellInternalVoltage(i)).isCloseTo(1000 / c, withPercentage(0.01));
    }
    // capacitance spread shows: the smallest cell (bottom) is the highest
    assertThat(plant.cellInternalVoltage(0) / plant.cellInternalVoltage(11))
        .isCloseTo(plant.spec().cells().get(11).capacitanceF() / plant.spec().cells().get(0).capacitanceF(),
            withPercentage(0.01));
  }

  @Test
  void energyIsTheSumOfHalfCVSquaredAndMatchesTheChargeDelivered() {
    CellStringPlant plant = charging(0.05, 0.5);
    clock.advance(Duration.ofSeconds(30)); // 1500 C through each cell

    double byVoltage = 0;
    double byCharge = 0;
    for (int i = 0; i < plant.cells(); i++) {
      double c = plant.spec().cells().get(i).capacitanceF();
      double v = plant.cellInternalVoltage(i);
      byVoltage += 0.5 * c * v * v;
      byCharge += 1500.0 * 1500.0 / (2 * c);
    }
    assertThat(plant.energyJ()).isCloseTo(byVoltage, withPercentage(1e-9)).isCloseTo(byCharge, withPercentage(0.02));
  }

  @Test
  void aShotTakesItsEnergyOutOfTheCellsAsOneChargeThroughTheString() {
    CellStringPlant plant = charging(0.05, 1.0);
    clock.advance(Duration.ofSeconds(60)); // 6000 C: about 2 V a cell, about 72 kJ
    plant.setChargerDuty(0);
    double before = plant.energyJ();
    double[] volts = new double[plant.cells()];
    for (int i = 0; i < volts.length; i++) {
      volts[i] = plant.cellInternalVoltage(i);
    }

    double delivered = plant.deliver(20_000);

    assertThat(delivered).isEqualTo(20_000.0);
    assertThat(before - plant.energyJ()).isCloseTo(20_000, within(1e-6));
    // the same charge left every cell: each dropped by q / C_i
    double q = (volts[0] - plant.cellInternalVoltage(0)) * plant.spec().cells().get(0).capacitanceF();
    for (int i = 0; i < volts.length; i++) {
      assertThat((volts[i] - plant.cellInternalVoltage(i)) * plant.spec().cells().get(i).capacitanceF())
          .isCloseTo(q, within(1e-6));
    }
    // more than the string holds: it gives what it has, not more
    double rest = plant.energyJ();
    assertThat(plant.deliver(1e9)).isLessThanOrEqualTo(rest).isCloseTo(rest, withPercentage(0.5));
    assertThat(plant.energyJ()).isLessThan(rest * 0.005);
    assertThat(plant.deliver(-1)).isZero();
  }

  @Test
  void terminalVoltageIncludesTheEsrDrop() {
    CellStringPlant plant = charging(0, 1.0); // 100 A
    clock.advance(Duration.ofSeconds(10));

    assertThat(plant.cellVoltage(3)).isCloseTo(plant.cellInternalVoltage(3) + 100 * 0.0003, within(1e-9));
    plant.injectEsr(3, 0.005);
    assertThat(plant.cellVoltage(3) - plant.cellInternalVoltage(3)).isCloseTo(0.5, within(1e-9));
    assertThat(plant.packVoltage()).isCloseTo(sumInternal(plant) + 100 * (11 * 0.0003 + 0.005), within(1e-9));
  }

  @Test
  void afterTheCurrentLimitReleasesThePackApproachesTheChargerWithTimeConstantRC() {
    CellStringPlant plant = charging(0, 1.0);
    CellStringPlant.Spec spec = plant.spec();
    double tau = (spec.chargerSeriesOhms() + 12 * 0.0003) * spec.stringCapacitanceF(); // 13.4 s
    clock.advance(Duration.ofSeconds(80)); // release near 27.4 V after about 68.5 s
    assertThat(plant.current()).isLessThan(100);
    double s1 = sumInternal(plant);
    clock.advance(Duration.ofSeconds(10));
    double s2 = sumInternal(plant);

    // leakage shifts the final value by 12 x 0.05 / 10 kohm of 32.4 V: negligible here
    double measured = 10 / Math.log((32.4 - s1) / (32.4 - s2));
    assertThat(measured).isCloseTo(tau, withPercentage(1));
  }

  @Test
  void bleedDischargesWithTimeConstantRBleedC() {
    CellStringPlant.Spec spec = CellStringPlant.Spec.demo(0);
    CellStringPlant plant = new CellStringPlant(withInitial(spec, 2.5), clock);
    plant.setBleed(4, true);

    clock.advance(Duration.ofSeconds(3000));

    double parallel = 1 / (1 / 10.0 + 1 / 10_000.0);
    assertThat(plant.cellInternalVoltage(4)).isCloseTo(2.5 * Math.exp(-3000 / (parallel * 3000)), withPercentage(0.01));
    assertThat(plant.cellInternalVoltage(5)).isCloseTo(2.5 * Math.exp(-3000 / (10_000.0 * 3000)), withPercentage(0.01));
  }

  @Test
  void openMainContactorCarriesNoCurrentAndAWeldedOneDoes() {
    CellStringPlant plant = charging(0, 0.5);
    plant.setCoil(Switch.MAIN, false);
    assertThat(plant.current()).isZero();
    assertThat(plant.contactsClosed(Switch.MAIN)).isFalse();

    plant.injectWelded(Switch.MAIN, true);
    assertThat(plant.contactsClosed(Switch.MAIN)).isTrue();
    assertThat(plant.current()).isEqualTo(50.0);

    plant.injectWelded(Switch.MAIN, false);
    plant.injectFailedOpen(Switch.MAIN, true);
    plant.setCoil(Switch.MAIN, true);
    assertThat(plant.contactsClosed(Switch.MAIN)).isFalse();
    assertThat(plant.current()).isZero();
  }

  @Test
  void dischargeContactorDumpsThePackThroughItsResistor() {
    CellStringPlant plant = new CellStringPlant(withInitial(CellStringPlant.Spec.demo(0), 2.5), clock);
    plant.setCoil(Switch.DISCHARGE, true);
    // I = -S / (R_d + R_esr)
    assertThat(plant.current()).isCloseTo(-30 / (1 + 12 * 0.0003), within(1e-9));
    double tau = (1 + 12 * 0.0003) * plant.spec().stringCapacitanceF();
    clock.advance(Duration.ofSeconds(100));
    assertThat(sumInternal(plant)).isCloseTo(30 * Math.exp(-100 / tau), withPercentage(0.1));
  }

  @Test
  void temperatureRisesWithISquaredEsr() {
    CellStringPlant plant = charging(0, 1.0); // 100 A
    plant.injectEsr(7, 0.003); // ten times the others

    clock.advance(Duration.ofSeconds(60));

    double thermalTau = 2 * 600;
    double normal = 100 * 100 * 0.0003 * 2 * (1 - Math.exp(-60 / thermalTau));
    assertThat(plant.cellTemperatureC(0) - 20).isCloseTo(normal, withPercentage(1));
    assertThat(plant.cellTemperatureC(7) - 20).isCloseTo(10 * normal, withPercentage(1));
  }

  @Test
  void specIsValidatedWithTheFieldName() {
    assertThatThrownBy(() -> new CellStringPlant.Cell(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacitanceF");
    CellStringPlant plant = charging(0, 0);
    assertThatThrownBy(() -> plant.setChargerDuty(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plant.setBleed(12, true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..11");
  }

  private static CellStringPlant.Spec withInitial(CellStringPlant.Spec s, double volts) {
    return new CellStringPlant.Spec(s.cells(), s.cellRatedV(), s.bleedOhms(), s.thermalOhmsKPerW(),
        s.thermalCapacitanceJPerK(), s.ambientC(), s.chargerVoltageV(), s.chargerSeriesOhms(), s.chargerMaxCurrentA(),
        s.dischargeOhms(), volts);
  }

  private static double sumInternal(CellStringPlant plant) {
    double sum = 0;
    for (int i = 0; i < plant.cells(); i++) {
      sum += plant.cellInternalVoltage(i);
    }
    return sum;
  }
}
