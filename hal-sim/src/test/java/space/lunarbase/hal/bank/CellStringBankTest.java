package space.lunarbase.hal.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.board.BankBoardWiring;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimOneWireBus.Fault;
import space.lunarbase.hal.sim.SimulatedBank;

/** The bank through its interface, on the simulated bank with a manual clock. */
class CellStringBankTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  /** 0.5 mOhm shunt, 100 A range: 50 mV at full scale. */
  static final BankBoardWiring WIRING = BankBoardWiring.demo("bank-a", 0.0005, 100, 100);
  final SimClock clock = SimClock.manual(T0);
  @TempDir Path dir;
  SimulatedBank sim;
  CellBank bank;

  void start(double spread, double initialCellV) {
    CellStringPlant.Spec d = CellStringPlant.Spec.demo(spread);
    CellStringPlant.Spec spec = new CellStringPlant.Spec(d.cells(), d.cellRatedV(), d.bleedOhms(),
        d.thermalOhmsKPerW(), d.thermalCapacitanceJPerK(), d.ambientC(), d.chargerVoltageV(), d.chargerSeriesOhms(),
        d.chargerMaxCurrentA(), d.dischargeOhms(), initialCellV);
    sim = SimulatedBank.start(WIRING, spec, clock, dir.resolve("w1"));
    bank = sim.bank();
  }

  @AfterEach
  void tearDown() {
    if (sim != null) {
      sim.close();
    }
  }

  void charge(double amps) {
    bank.closeContactor(BankContactor.MAIN);
    bank.setChargeCurrent(amps);
  }

  @Test
  void startsSafeAndGood() {
    start(0, 0);
    assertThat(bank.id()).isEqualTo("bank-a");
    assertThat(bank.cellCount()).isEqualTo(12);
    assertThat(bank.readContactor(BankContactor.MAIN).status()).isEqualTo(ContactorStatus.OPEN);
    assertThat(bank.readContactor(BankContactor.DISCHARGE).status()).isEqualTo(ContactorStatus.OPEN);
    assertThat(bank.readBalancing().bleeding()).containsOnly(false).hasSize(12);
    assertThat(bank.readCells()).allMatch(CellReading::isGood);
    assertThat(bank.readTemperatures()).hasSize(12).allSatisfy(t -> {
      assertThat(t.quality()).isEqualTo(Quality.GOOD);
      assertThat(t.celsius()).isEqualTo(20.0);
    });
    assertThat(bank.readPack().currentA()).isCloseTo(0, within(0.01));
  }

  @Test
  void chargingRaisesEveryCellAndThePackCurrentShows() {
    start(0, 0);
    charge(50);
    sim.advance(Duration.ofSeconds(30)); // 1500 C into 3000 F: 0.5 V per cell

    List<CellReading> cells = bank.readCells();
    assertThat(cells).allSatisfy(c -> {
      assertThat(c.quality()).isEqualTo(Quality.GOOD);
      assertThat(c.time()).isEqualTo(T0.plusSeconds(30));
      // terminal voltage: 0.5 V + 50 A x 0.3 mOhm, to the ADC's 125 uV
      assertThat(c.volts()).isCloseTo(0.5 + 50 * 0.0003, within(0.001));
    });
    PackReading pack = bank.readPack();
    assertThat(pack.quality()).isEqualTo(Quality.GOOD);
    assertThat(pack.currentA()).isCloseTo(50, within(0.05));
    assertThat(pack.voltageV()).isCloseTo(12 * (0.5 + 50 * 0.0003), within(0.01));
    assertThat(bank.chargeCurrentSetpointA()).isEqualTo(50.0);
  }

  @Test
  void capacitanceSpreadShowsInTheCellVoltages() {
    start(0.05, 0);
    charge(50);
    sim.advance(Duration.ofSeconds(30));
    bank.setChargeCurrent(0); // read open-circuit voltages

    List<CellReading> cells = bank.readCells();
    // 2850 F at the bottom, 3150 F at the top: 1500 C gives 0.526 V and 0.476 V
    assertThat(cells.get(0).volts()).isCloseTo(1500 / 2850.0, within(0.001));
    assertThat(cells.get(11).volts()).isCloseTo(1500 / 3150.0, within(0.001));
    for (int i = 1; i < 12; i++) {
      assertThat(cells.get(i).volts()).isLessThan(cells.get(i - 1).volts());
    }
  }

  @Test
  void bleedingACellLowersItRelativeToTheOthers() {
    start(0, 2.5);
    bank.setBleed(3, true);

    BalancingReading balancing = bank.readBalancing();
    assertThat(balancing.quality()).isEqualTo(Quality.GOOD);
    assertThat(balancing.bleeding().get(3)).isTrue();
    assertThat(balancing.commanded().get(3)).isTrue();
    assertThat(sim.plant().bleeding(3)).isTrue();

    sim.advance(Duration.ofSeconds(3000)); // R_bleed C = 30000 s
    List<CellReading> cells = bank.readCells();
    double others = cells.get(4).volts();
    assertThat(others).isCloseTo(2.5 * Math.exp(-3000 / 3e7), within(0.001));
    assertThat(cells.get(3).volts()).isCloseTo(2.5 * Math.exp(-3000 / (3000 / (0.1 + 1e-4))), within(0.001));
    assertThat(others - cells.get(3).volts()).isGreaterThan(0.2);

    bank.setBleed(3, false);
    assertThat(sim.plant().bleeding(3)).isFalse();
  }

  @Test
  void openingTheMainContactorStopsTheCurrent() {
    start(0, 0);
    charge(40);
    sim.advance(Duration.ofSeconds(10));
    assertThat(bank.readContactor(BankContactor.MAIN).status()).isEqualTo(ContactorStatus.CLOSED);
    assertThat(bank.readPack().currentA()).isCloseTo(40, within(0.05));

    bank.openContactor(BankContactor.MAIN);
    sim.advance(Duration.ofSeconds(10));

    assertThat(bank.readContactor(BankContactor.MAIN).status()).isEqualTo(ContactorStatus.OPEN);
    assertThat(bank.readPack().currentA()).isCloseTo(0, within(0.01));
    double before = bank.readCells().get(0).volts();
    sim.advance(Duration.ofSeconds(10));
    assertThat(bank.readCells().get(0).volts()).isCloseTo(before, within(0.0003));
  }

  @Test
  void storedEnergyIsHalfCVSquaredOverTheCells() {
    start(0, 2.0);
    double energy = bank.storedEnergyJ(bank.readCells());
    assertThat(energy).isCloseTo(12 * 0.5 * 3000 * 2.0 * 2.0, withPercentage(0.05))
        .isCloseTo(sim.plant().energyJ(), withPercentage(0.05));
  }

  @Test
  void chargeSetpointIsWholePercentOfTheChargerAndChecked() {
    start(0, 0);
    bank.setChargeCurrent(33.3);
    assertThat(bank.chargeCurrentSetpointA()).isEqualTo(33.0);
    assertThat(sim.pins().pwm(WIRING.chargerPwm()).dutyCyclePercent()).isEqualTo(33);
    assertThatThrownBy(() -> bank.setChargeCurrent(101)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..100.0 A");
    assertThatThrownBy(() -> bank.setChargeCurrent(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    bank.setChargeCurrent(0);
    assertThat(sim.pins().pwm(WIRING.chargerPwm()).on()).isFalse();
  }

  // Faults

  @Test
  void ina226NackGivesAFailedPackReadingAndRecovers() {
    start(0, 1.0);
    sim.ina226().injectNack(true);
    PackReading failed = bank.readPack();
    assertThat(failed.quality()).isEqualTo(Quality.FAILED);
    assertThat(failed.fault()).contains("bank-a/ina226").contains("NACK");
    assertThat(bank.readCells()).allMatch(CellReading::isGood); // the rest of the bank still reads

    sim.ina226().injectNack(false);
    assertThat(bank.readPack().voltageV()).isCloseTo(12.0, within(0.01));
  }

  @Test
  void ads1115NackFailsOnlyItsFourCellsAndRecovers() {
    start(0, 1.0);
    sim.adc(1).injectNack(true);

    List<CellReading> cells = bank.readCells();
    for (int i = 0; i < 12; i++) {
      if (i >= 4 && i < 8) {
        assertThat(cells.get(i).quality()).isEqualTo(Quality.FAILED);
        assertThat(cells.get(i).volts()).isNaN();
        assertThat(cells.get(i).fault()).contains("cell " + i).contains("bank-a/adc1").contains("NACK");
      } else {
        assertThat(cells.get(i).isGood()).isTrue();
      }
    }
    assertThat(bank.storedEnergyJ(cells)).isCloseTo(8 * 0.5 * 3000, withPercentage(0.1)); // good cells only

    sim.adc(1).injectNack(false);
    assertThat(bank.readCells()).allMatch(CellReading::isGood);
  }

  @Test
  void adcBitErrorOutsideThePlausibleRangeIsOutOfRange() {
    start(0, 1.0);
    sim.adc(0).injectFlippedBit(14); // 1 V = 0x1F40 reads 0x5F40 = 3.048 V: wrong, but a possible cell voltage
    assertThat(bank.readCells().get(0).volts()).isCloseTo(3.048, within(0.001));

    sim.adc(0).injectFlippedBit(15); // the sign bit: -3.1 V, no cell can show that
    CellReading negative = bank.readCells().get(0);
    assertThat(negative.quality()).isEqualTo(Quality.OUT_OF_RANGE);
    assertThat(negative.fault()).contains("cell 0").contains("plausible");

    sim.adc(0).clearFaults();
    assertThat(bank.readCells().get(0).isGood()).isTrue();
  }

  @Test
  void mcp23017NackMakesBleedCommandsThrowAndBalancingFailed() {
    start(0, 2.5);
    sim.expander(0).injectNack(true);

    assertThatThrownBy(() -> bank.setBleed(2, true)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("bank-a/bleed0").hasMessageContaining("NACK");
    BalancingReading failed = bank.readBalancing();
    assertThat(failed.quality()).isEqualTo(Quality.FAILED);
    assertThat(failed.bleeding()).isEmpty();
    assertThat(failed.commanded().get(2)).isTrue(); // the command is kept

    sim.expander(0).injectNack(false);
    bank.setBleed(5, true); // re-sends the whole pattern
    assertThat(sim.plant().bleeding(2)).isTrue();
    assertThat(sim.plant().bleeding(5)).isTrue();
    assertThat(bank.readBalancing().quality()).isEqualTo(Quality.GOOD);
  }

  @Test
  void mcp23017BrownOutShowsAsFailedAndTheNextCommandRestoresThePattern() {
    start(0, 2.5);
    bank.setBleed(1, true);
    sim.expander(0).brownOut();
    assertThat(sim.plant().bleeding(1)).isFalse();

    BalancingReading reading = bank.readBalancing();
    assertThat(reading.quality()).isEqualTo(Quality.FAILED);
    assertThat(reading.fault()).contains("bank-a/bleed0").contains("reset");

    bank.setBleed(7, true);
    assertThat(sim.plant().bleeding(1)).isTrue();
    assertThat(sim.plant().bleeding(7)).isTrue();
    assertThat(bank.readBalancing().quality()).isEqualTo(Quality.GOOD);
  }

  @Test
  void stuckBleedOutputIsReportedByCommandAndReading() {
    start(0, 2.5);
    sim.expander(0).injectStuckPin(4, false);

    assertThatThrownBy(() -> bank.setBleed(4, true)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("GPA4");
    BalancingReading reading = bank.readBalancing();
    assertThat(reading.quality()).isEqualTo(Quality.OUT_OF_RANGE);
    assertThat(reading.fault()).contains("cell 4 commanded on, pin reads off");
    assertThat(sim.plant().bleeding(4)).isFalse();
  }

  @Test
  void temperatureFaultsGiveBadReadingsForThatSensorOnly() {
    start(0, 1.0);
    String t2 = WIRING.thermometers().get(2).id();
    String t5 = WIRING.thermometers().get(5).id();
    String t9 = WIRING.thermometers().get(9).id();
    sim.oneWire().inject(t2, Fault.CRC_ERROR);
    sim.oneWire().inject(t5, Fault.POWER_ON_RESET);
    sim.oneWire().inject(t9, Fault.VANISHED);

    List<TemperatureReading> readings = bank.readTemperatures();
    assertThat(readings.get(2).quality()).isEqualTo(Quality.FAILED);
    assertThat(readings.get(2).fault()).contains("CRC").contains("t-" + t2);
    assertThat(readings.get(5).quality()).isEqualTo(Quality.OUT_OF_RANGE);
    assertThat(readings.get(5).celsius()).isEqualTo(85.0);
    assertThat(readings.get(5).fault()).contains("power-on");
    assertThat(readings.get(9).quality()).isEqualTo(Quality.FAILED);
    assertThat(readings.get(9).fault()).contains(t9).contains("missing");
    assertThat(readings.get(0).quality()).isEqualTo(Quality.GOOD);
    assertThat(readings.get(9).cell()).isEqualTo(9);

    for (String id : List.of(t2, t5, t9)) {
      sim.oneWire().inject(id, Fault.NONE);
    }
    assertThat(bank.readTemperatures()).allMatch(TemperatureReading::isGood);
  }

  @Test
  void highEsrCellReadsHighUnderCurrentAndHeatsFaster() {
    start(0, 0);
    sim.plant().injectEsr(5, 0.005);
    charge(100);
    sim.advance(Duration.ofSeconds(30)); // still constant current: 12 V of 27.4 V

    List<CellReading> cells = bank.readCells();
    // the cell is measured truthfully: its terminal voltage carries the extra I x dESR = 0.47 V
    assertThat(cells.get(5).isGood()).isTrue();
    assertThat(cells.get(5).volts() - cells.get(4).volts()).isCloseTo(100 * (0.005 - 0.0003), within(0.002));
    List<TemperatureReading> temps = bank.readTemperatures();
    assertThat(temps.get(5).celsius() - 20).isGreaterThan(5 * (temps.get(4).celsius() - 20));
    assertThat(temps.get(4).celsius()).isGreaterThan(20.0);

    bank.setChargeCurrent(0); // at zero current the deviation is gone
    assertThat(bank.readCells().get(5).volts()).isCloseTo(bank.readCells().get(4).volts(), within(0.001));
  }

  @Test
  void weldedMainContactorIsReportedAndKeepsConducting() {
    start(0, 0);
    charge(20);
    sim.plant().injectWelded(CellStringPlant.Switch.MAIN, true);
    bank.openContactor(BankContactor.MAIN);

    assertThat(bank.readContactor(BankContactor.MAIN).status()).isEqualTo(ContactorStatus.OPENING);
    sim.advance(Duration.ofMillis(200));
    bank.readContactor(BankContactor.MAIN);
    bank.readContactor(BankContactor.MAIN);
    ContactorReading welded = bank.readContactor(BankContactor.MAIN);
    assertThat(welded.status()).isEqualTo(ContactorStatus.WELDED);
    assertThat(welded.quality()).isEqualTo(Quality.GOOD);
    assertThat(welded.commandedClosed()).isFalse();
    assertThat(bank.readPack().currentA()).isCloseTo(20, within(0.05));

    bank.setChargeCurrent(0); // the charger is the other way to stop the current
    assertThat(bank.readPack().currentA()).isCloseTo(0, within(0.01));
    sim.plant().injectWelded(CellStringPlant.Switch.MAIN, false);
    assertThat(bank.readContactor(BankContactor.MAIN).status()).isEqualTo(ContactorStatus.OPEN);
  }

  @Test
  void contactorThatFailsToCloseIsReportedAndCarriesNoCurrent() {
    start(0, 0);
    sim.plant().injectFailedOpen(CellStringPlant.Switch.MAIN, true);
    charge(20);

    assertThat(bank.readContactor(BankContactor.MAIN).status()).isEqualTo(ContactorStatus.CLOSING);
    sim.advance(Duration.ofMillis(200));
    bank.readContactor(BankContactor.MAIN);
    bank.readContactor(BankContactor.MAIN);
    assertThat(bank.readContactor(BankContactor.MAIN).status()).isEqualTo(ContactorStatus.FAILED_TO_CLOSE);
    assertThat(bank.readPack().currentA()).isCloseTo(0, within(0.01));

    sim.plant().injectFailedOpen(CellStringPlant.Switch.MAIN, false);
    bank.openContactor(BankContactor.MAIN);
    bank.closeContactor(BankContactor.MAIN);
    assertThat(bank.readContactor(BankContactor.MAIN).status()).isEqualTo(ContactorStatus.CLOSED);
    assertThat(bank.readPack().currentA()).isCloseTo(20, within(0.05));
  }

  @Test
  void dischargeContactorDrainsThePack() {
    start(0, 2.0);
    bank.closeContactor(BankContactor.DISCHARGE);
    sim.advance(Duration.ofSeconds(1));
    assertThat(bank.readContactor(BankContactor.DISCHARGE).status()).isEqualTo(ContactorStatus.CLOSED);
    assertThat(bank.readPack().currentA()).isCloseTo(-24 / (1 + 12 * 0.0003), within(0.1));
  }

  @Test
  void badCellAndCommandArgumentsAreRejected() {
    start(0, 0);
    assertThatThrownBy(() -> bank.setBleed(12, true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..11");
  }
}
