package space.lunarbase.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.hal.board.BankWiring;
import space.lunarbase.hal.board.Board;

class SimulatedPackBoardTest {

  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
  final BankWiring wiring = new BankWiring("bank-a", 1, 0x40, 0.002, 20);

  @Test
  void packVoltageRisesAsSimulatedTimePasses() {
    try (SimulatedPackBoard board = SimulatedPackBoard.start(wiring, CapacitorStringPlant.Spec.demo(), clock)) {
      assertThat(board.mode()).isEqualTo("sim");
      double previous = board.pack().readPack().voltageV();
      assertThat(previous).isZero();
      for (int minute = 1; minute <= 20; minute++) {
        clock.advance(Duration.ofMinutes(1));
        PackReading reading = board.pack().readPack();
        assertThat(reading.quality()).isEqualTo(Quality.GOOD);
        assertThat(reading.voltageV()).isGreaterThan(previous);
        previous = reading.voltageV();
      }
      // after 20 minutes the pack is within a few RC time constants of the 32.4 V charger
      assertThat(previous).isCloseTo(board.plant().packVoltage(), within(0.00125)).isBetween(31.0, 32.4);
    }
  }

  @Test
  void closeIsIdempotentAndLeavesNoPlausibleNumbers() {
    SimulatedPackBoard board = SimulatedPackBoard.start(wiring, CapacitorStringPlant.Spec.demo(), clock);
    Board asBoard = board;

    asBoard.close();
    asBoard.close();

    assertThat(board.isClosed()).isTrue();
    PackReading afterClose = board.pack().readPack();
    assertThat(afterClose.quality()).isEqualTo(Quality.FAILED);
    assertThat(afterClose.voltageV()).isNaN();
  }

  @Test
  void twoBoardsRunSideBySide() {
    try (SimulatedPackBoard a = SimulatedPackBoard.start(wiring, CapacitorStringPlant.Spec.demo(), clock);
        SimulatedPackBoard b = SimulatedPackBoard.start(new BankWiring("bank-b", 1, 0x40, 0.002, 20),
            new CapacitorStringPlant.Spec(12, 3000, 2.7, 32.4, 0.5, 10, 10_000, 2.0), clock)) {
      assertThat(a.pack().readPack().voltageV()).isZero();
      assertThat(b.pack().readPack().voltageV()).isCloseTo(24.0, within(0.00125));
    }
  }

  @Test
  void bankWiringValidationNamesTheFieldAndAllowedValues() {
    assertThatThrownBy(() -> new BankWiring("Bank A", 1, 0x40, 0.002, 20))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("BankWiring.id must match [a-z0-9-]+, was 'Bank A'");
    assertThatThrownBy(() -> new BankWiring("bank-a", 32, 0x40, 0.002, 20))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BankWiring.bus must be 0..31")
        .hasMessageContaining("was 32");
    assertThatThrownBy(() -> new BankWiring("bank-a", 1, 0x3F, 0.002, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BankWiring.address must be an INA226 address 0x40..0x4F, was 0x3F");
    assertThatThrownBy(() -> new BankWiring("bank-a", 1, 0x40, 0, 20))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BankWiring.shuntOhms must be positive");
    assertThatThrownBy(() -> new BankWiring("bank-a", 1, 0x40, 0.002, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BankWiring.maxCurrentA must be positive");
  }

  @Test
  void wiringTheChipCannotMeasureIsRejectedBeforeAnyContext() {
    assertThatThrownBy(() -> SimulatedPackBoard.start(new BankWiring("bank-a", 1, 0x40, 0.01, 20),
        CapacitorStringPlant.Spec.demo(), clock)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("81.92 mV");
  }
}
