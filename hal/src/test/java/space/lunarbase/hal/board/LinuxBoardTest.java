package space.lunarbase.hal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.tracker.Axis;

class LinuxBoardTest {

  static final String[] DEMO_FILES = {"/dev/i2c-0", "/dev/i2c-1", "/dev/gpiochip0", "/sys/class/pwm/pwmchip0",
      "/sys/bus/w1/devices", "/dev/spidev0.0"};
  final BoardDescription demo = BoardDescription.demo();

  static boolean present(String file) {
    return Files.exists(Path.of(file));
  }

  @Test
  void theDemoBoardFailsOnTheFirstMissingFileWithItsFix() {
    assumeFalse(present("/dev/i2c-1"), "/dev/i2c-1 exists: this machine has a real I2C bus");

    assertThatThrownBy(() -> LinuxBoard.open(demo, InstantSource.system()))
        .isInstanceOf(DeviceException.class)
        .hasMessage("bank: no I2C bus /dev/i2c-1 for bank.pack-monitor: is I2C enabled (dtparam=i2c_arm=on)?")
        .satisfies(e -> assertThat(((DeviceException) e).device()).isEqualTo("bank"));
  }

  @Test
  void aRailOnlyBoardNamesItsSpiDevice() {
    assumeFalse(present("/dev/spidev0.0"), "/dev/spidev0.0 exists: this machine has SPI");

    assertThatThrownBy(() -> LinuxBoard.open(BoardDescription.of(null, null, demo.rail().orElseThrow()),
        InstantSource.system()))
        .isInstanceOf(DeviceException.class)
        .hasMessage("rail: no SPI device /dev/spidev0.0 for rail.frontend: is SPI enabled (dtparam=spi=on)?");
  }

  @Test
  void filesAreCheckedInDescriptionOrder(@TempDir Path root) throws IOException {
    touch(root, "/dev/i2c-0", "/dev/i2c-1");

    assertThatThrownBy(() -> DeviceFiles.check(demo, root)).isInstanceOf(DeviceException.class)
        .hasMessageStartingWith("bank: no GPIO chip /dev/gpiochip0 for bank.contactors.main.coil: ");

    touch(root, "/dev/gpiochip0", "/sys/class/pwm/pwmchip0");
    assertThatThrownBy(() -> DeviceFiles.check(demo, root)).isInstanceOf(DeviceException.class)
        .hasMessage("bank: no 1-Wire folder /sys/bus/w1/devices for bank.thermometers: is 1-Wire enabled"
            + " (dtoverlay=w1-gpio,gpiopin=4)?");

    touch(root, "/sys/bus/w1/devices");
    assertThatThrownBy(() -> DeviceFiles.check(demo, root)).isInstanceOf(DeviceException.class)
        .hasMessageStartingWith("rail: no SPI device /dev/spidev0.0 for rail.frontend");

    touch(root, "/dev/spidev0.0");
    DeviceFiles.check(demo, root);
  }

  @Test
  void aChargerOnAPinWithoutHardwarePwmIsRefused(@TempDir Path root) throws IOException {
    touch(root, DEMO_FILES);
    BankBoardWiring bank = demo.bank().orElseThrow();
    BankBoardWiring onGpio4 = new BankBoardWiring(bank.pack(), bank.adcAddresses(), bank.expanderAddresses(),
        bank.cells(), bank.thermometers(), bank.main(), bank.discharge(), 4, bank.chargerPwmHz(),
        bank.chargerMaxCurrentA(), bank.cellRatedV(), bank.cellCapacitanceF());

    assertThatThrownBy(() -> DeviceFiles.check(BoardDescription.of(onGpio4, null, null), root))
        .isInstanceOf(DeviceException.class)
        .hasMessage("bank: GPIO 4 for bank.charger is not a hardware PWM pin (12, 13, 18, 19)");
  }

  /** On a board wired as the demo (run with the {@code hardware} tag). */
  @Test
  @Tag("hardware")
  void aRealDemoBoardStartsEveryFamily() {
    for (String file : DEMO_FILES) {
      assumeTrue(present(file), "no " + file + ": not a board wired as the demo");
    }

    try (LinuxBoard board = LinuxBoard.open(demo, InstantSource.system())) {
      assertThat(board.mode()).isEqualTo("real");
      assertThat(board.bank().orElseThrow().readPack().quality()).isEqualTo(Quality.GOOD);
      assertThat(board.tracker().orElseThrow().encoderAngle(Axis.AZIMUTH).quality()).isEqualTo(Quality.GOOD);
      assertThat(board.rail().orElseThrow().readFrontEnd().quality()).isEqualTo(Quality.GOOD);
    }
  }

  static void touch(Path root, String... files) throws IOException {
    for (String file : files) {
      Path path = root.resolve(file.substring(1));
      Files.createDirectories(path.getParent());
      if (!Files.exists(path)) {
        Files.createFile(path);
      }
    }
  }
}
