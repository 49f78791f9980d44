package space.lunarbase.hal.device.ina226;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.sim.CapacitorStringPlant;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimI2CProvider;
import space.lunarbase.hal.sim.SimIna226;

class Ina226Test {

  static final int BUS = 1;
  static final int ADDRESS = 0x40;
  static final double SHUNT = 0.002;

  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
  final CapacitorStringPlant plant = new CapacitorStringPlant(CapacitorStringPlant.Spec.demo(), clock);
  final SimIna226 chip = new SimIna226(plant, SHUNT);
  final Ina226.Settings settings = new Ina226.Settings("bank-a/ina226", SHUNT, 20);
  SimI2CProvider provider;
  Context pi4j;
  Ina226 driver;

  /** The driver talks to a simulated chip behind our own provider, in a real Pi4J context. */
  @BeforeEach
  void setUp() {
    provider = new SimI2CProvider().attach(BUS, ADDRESS, chip);
    pi4j = Pi4J.newContextBuilder().add(provider).build();
    I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("ina226").bus(BUS).device(ADDRESS).build());
    driver = new Ina226(i2c, settings);
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  // Pure conversions and settings

  @Test
  void busRegisterIsFifteenBitsOf1_25MilliVolt() {
    assertThat(Ina226.busVolts(0x2580)).isCloseTo(12.0, within(1e-12)); // 9600 x 1.25 mV
    assertThat(Ina226.busVolts(0x0001)).isCloseTo(0.00125, within(1e-15));
    assertThat(Ina226.busVolts(0x7FFF)).isCloseTo(40.95875, within(1e-12)); // register full scale
    assertThat(Ina226.busVolts(0x0000)).isZero();
  }

  @Test
  void shuntRegisterIsSignedWith2_5MicroVolt() {
    assertThat(Ina226.shuntVolts(0x0FA0)).isCloseTo(0.010, within(1e-12)); // 4000 x 2.5 uV
    assertThat(Ina226.shuntVolts(0xFFFF)).isCloseTo(-2.5e-6, within(1e-15)); // -1 LSB
    assertThat(Ina226.shuntVolts(0xF060)).isCloseTo(-0.010, within(1e-12)); // -4000 LSB
    assertThat(Ina226.shuntVolts(0x7FFF)).isCloseTo(0.0819175, within(1e-12));
    assertThat(Ina226.shuntVolts(0x8000)).isCloseTo(-0.08192, within(1e-12)); // negative full scale
  }

  @Test
  void calibrationFollowsTheDatasheetFormula() {
    // 2 mOhm shunt, 15 A expected maximum (the datasheet's example wiring)
    Ina226.Settings settings = new Ina226.Settings("t", 0.002, 15);
    assertThat(settings.currentLsbA()).isCloseTo(457.763671875e-6, within(1e-15)); // 15 A / 2^15
    assertThat(settings.calibration()).isEqualTo((int) (0.00512 / (settings.currentLsbA() * 0.002)))
        .isEqualTo(5592);
    assertThat(settings.powerLsbW()).isCloseTo(25 * settings.currentLsbA(), within(1e-15));
  }

  @Test
  void calibrationThatIsWholeOnPaperIsNotTruncatedBelow() {
    // 0.00512 x 2^15 / (40.96 A x 1 mOhm) = 4096 exactly
    assertThat(new Ina226.Settings("t", 0.001, 40.96).calibration()).isEqualTo(4096);
  }

  @Test
  void settingsOutsideTheChipAreRejectedWithTheValues() {
    assertThatThrownBy(() -> new Ina226.Settings("t", 0.01, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxCurrentA 10.0").hasMessageContaining("shuntOhms 0.01")
        .hasMessageContaining("81.92 mV");
    assertThatThrownBy(() -> new Ina226.Settings("t", 0.0001, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit 15 bits");
    assertThatThrownBy(() -> new Ina226.Settings("t", 0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shuntOhms");
    assertThatThrownBy(() -> new Ina226.Settings("t", 0.002, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxCurrentA");
  }

  @Test
  void configurationIs16AveragesAnd1_1MsContinuous() {
    assertThat(Ina226.CONFIGURATION).isEqualTo(0x4527);
  }

  // The driver against the simulated chip

  @Test
  void startConfiguresAndCalibratesTheChip() {
    driver.start();

    assertThat(chip.calibration()).isEqualTo(settings.calibration()).isEqualTo(4194);
    assertThat(chip.configuration()).isEqualTo(Ina226.CONFIGURATION);
  }

  @Test
  void readMatchesThePlantWithinOneLsb() {
    driver.start();
    clock.advance(Duration.ofSeconds(60)); // 10 A for 60 s into 250 F: 2.4 V

    Ina226.Measurement m = driver.read();

    double current = plant.current();
    double volts = plant.packVoltage();
    assertThat(m.busVoltageV()).isCloseTo(volts, within(Ina226.BUS_LSB_V)).isCloseTo(2.4, within(0.01));
    assertThat(m.shuntVoltageV()).isCloseTo(current * SHUNT, within(Ina226.SHUNT_LSB_V));
    // The Current register inherits the shunt LSB (1.25 mA here) and CAL's truncation (1 part in 4194).
    double currentTolerance = Ina226.SHUNT_LSB_V / SHUNT + current / settings.calibration() + settings.currentLsbA();
    assertThat(m.currentA()).isCloseTo(current, within(currentTolerance)).isCloseTo(10, within(0.01));
    assertThat(m.powerW()).isCloseTo(volts * current, within(volts * currentTolerance + 2 * settings.powerLsbW()));
  }

  @Test
  void wrongManufacturerIdFailsStartNamingExpectedAndActual() {
    chip.injectWrongId(0x1234);

    assertThatThrownBy(driver::start)
        .isInstanceOf(DeviceException.class)
        .hasMessageContaining("bank-a/ina226").hasMessageContaining("0x5449").hasMessageContaining("0x1234")
        .satisfies(e -> assertThat(((DeviceException) e).device()).isEqualTo("bank-a/ina226"));
  }

  @Test
  void missingChipFailsStart() {
    provider.detach(BUS, ADDRESS);

    assertThatThrownBy(driver::start).isInstanceOf(DeviceException.class)
        .hasMessageContaining("Manufacturer ID").hasMessageContaining("NACK");
  }

  @Test
  void nackMakesReadThrowNeverANumber() {
    driver.start();
    chip.injectNack(true);

    assertThatThrownBy(driver::read).isInstanceOf(DeviceException.class)
        .hasMessageContaining("bank-a/ina226").hasMessageContaining("NACK");

    chip.injectNack(false);
    assertThat(driver.read().currentA()).isCloseTo(10, within(0.01));
  }

  @Test
  void readBeforeStartIsAProgrammingError() {
    assertThatThrownBy(driver::read).isInstanceOf(IllegalStateException.class);
  }
}
