package space.lunarbase.hal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;

class LinuxBoardTest {

  final BankWiring wiring = new BankWiring("bank-a", 1, 0x40, 0.002, 20);
  final boolean busPresent = Files.exists(Path.of("/dev/i2c-1"));

  @Test
  void missingBusFailsLoudlyWithTheFix() {
    assumeFalse(busPresent, "/dev/i2c-1 exists: this machine has a real I2C bus");

    assertThatThrownBy(() -> LinuxBoard.open(wiring, InstantSource.system()))
        .isInstanceOf(DeviceException.class)
        .hasMessage("bank-a: no I2C bus /dev/i2c-1: is I2C enabled (dtparam=i2c_arm=on)?")
        .satisfies(e -> assertThat(((DeviceException) e).device()).isEqualTo("bank-a"));
  }

  /** On a board with an INA226 at 0x40 on bus 1 (run with the {@code hardware} tag). */
  @Test
  @Tag("hardware")
  void realBoardReadsItsPack() {
    assumeTrue(busPresent, "no /dev/i2c-1: not a board");

    try (LinuxBoard board = LinuxBoard.open(wiring, InstantSource.system())) {
      assertThat(board.mode()).isEqualTo("real");
      assertThat(board.bank().readPack().quality()).isEqualTo(Quality.GOOD);
    }
  }
}
