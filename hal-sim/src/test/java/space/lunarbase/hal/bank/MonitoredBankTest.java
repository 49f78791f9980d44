package space.lunarbase.hal.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.board.BankWiring;
import space.lunarbase.hal.sim.CapacitorStringPlant;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedPackBoard;

class MonitoredBankTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  final SimClock clock = SimClock.manual(T0);
  SimulatedPackBoard board = SimulatedPackBoard.start(new BankWiring("bank-a", 1, 0x40, 0.002, 20),
      CapacitorStringPlant.Spec.demo(), clock);

  @AfterEach
  void tearDown() {
    board.close();
  }

  @Test
  void goodReadingCarriesThePlantValuesAndTheClockTime() {
    clock.advance(Duration.ofSeconds(60));

    PackReading reading = board.pack().readPack();

    assertThat(reading.quality()).isEqualTo(Quality.GOOD);
    assertThat(reading.fault()).isEmpty();
    assertThat(reading.time()).isEqualTo(T0.plusSeconds(60));
    assertThat(reading.voltageV()).isCloseTo(board.plant().packVoltage(), within(0.00125));
    assertThat(reading.currentA()).isCloseTo(10, within(0.005));
    assertThat(reading.shuntVoltageV()).isCloseTo(0.02, within(2.5e-6));
    assertThat(reading.powerW()).isCloseTo(reading.voltageV() * reading.currentA(), within(0.05));
    assertThat(board.pack().id()).isEqualTo("bank-a");
  }

  @Test
  void nackGivesAFailedReadingThenRecovers() {
    board.ina226().injectNack(true);
    clock.advance(Duration.ofSeconds(1));

    PackReading failed = board.pack().readPack();

    assertThat(failed.quality()).isEqualTo(Quality.FAILED);
    assertThat(failed.fault()).contains("bank-a/ina226").contains("NACK");
    assertThat(failed.time()).isEqualTo(T0.plusSeconds(1));
    assertThat(failed.voltageV()).isNaN();
    assertThat(failed.currentA()).isNaN();
    assertThat(failed.powerW()).isNaN();
    assertThat(failed.shuntVoltageV()).isNaN();

    board.ina226().injectNack(false);

    PackReading recovered = board.pack().readPack();
    assertThat(recovered.quality()).isEqualTo(Quality.GOOD);
    assertThat(recovered.voltageV()).isCloseTo(0.04, within(0.00125));
  }

  @Test
  void stuckBusRegisterAtFullScaleIsOutOfRange() {
    board.ina226().injectStuckBusRegister(0x7FFF);

    PackReading reading = board.pack().readPack();

    assertThat(reading.quality()).isEqualTo(Quality.OUT_OF_RANGE);
    assertThat(reading.voltageV()).isCloseTo(40.95875, within(1e-9));
    assertThat(reading.fault()).contains("40.959 V").contains("36 V");

    board.ina226().injectStuckBusRegister(null);
    assertThat(board.pack().readPack().quality()).isEqualTo(Quality.GOOD);
  }

  @Test
  void currentBeyondOneAndAHalfTimesTheConfiguredMaximumIsOutOfRange() {
    board.close();
    // configured for 5 A while the charger pushes 10 A: the Current register saturates at 5 A,
    // the shunt voltage shows 10 A
    board = SimulatedPackBoard.start(new BankWiring("bank-b", 1, 0x41, 0.002, 5), CapacitorStringPlant.Spec.demo(),
        clock);

    PackReading reading = board.pack().readPack();

    assertThat(reading.quality()).isEqualTo(Quality.OUT_OF_RANGE);
    assertThat(reading.fault()).contains("bank-b/ina226").contains("10.000 A").contains("1.5 x");
  }

  @Test
  void failedReadingIsNaNWithItsReason() {
    PackReading failed = PackReading.failed(T0, "x: gone");
    assertThat(failed.quality()).isEqualTo(Quality.FAILED);
    assertThat(failed.isGood()).isFalse();
    assertThat(failed.fault()).isEqualTo("x: gone");
    assertThatThrownBy(() -> new PackReading(T0, 1, 1, 1, 1, Quality.GOOD, "oops"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PackReading.failed(T0, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
