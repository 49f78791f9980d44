package space.lunarbase.hal.board;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import space.lunarbase.hal.DeviceException;

/**
 * The Linux files a described board needs, checked before any Pi4J handle is created so that a
 * missing bus fails with its fix instead of a provider's stack trace: {@code /dev/i2c-<bus>},
 * {@code /dev/spidev<bus>.<cs>}, {@code /dev/gpiochip0}, {@code /sys/class/pwm/pwmchip0} (and a
 * hardware PWM pin) and {@code /sys/bus/w1/devices}.
 */
final class DeviceFiles {

  /** BCM pins with a hardware PWM function, and their channel on pwmchip0 (PWM0 = 0, PWM1 = 1). */
  static final Map<Integer, Integer> PWM_CHANNELS = Map.of(12, 0, 18, 0, 13, 1, 19, 1);

  private DeviceFiles() {}

  /**
   * Checks every use's file under {@code root} ({@code /} on a board), in description order.
   *
   * @throws DeviceException naming the family, the entry, the missing file and the likely fix
   */
  static void check(BoardDescription description, Path root) {
    Set<String> seen = new HashSet<>();
    for (IoUse use : description.uses()) {
      Need need = need(use);
      if (use.kind() == IoUse.Kind.PWM && !PWM_CHANNELS.containsKey(use.address())) {
        throw new DeviceException(use.family().key(), "GPIO " + use.address() + " for " + use.entry()
            + " is not a hardware PWM pin (12, 13, 18, 19)");
      }
      if (seen.add(need.file()) && !Files.exists(root.resolve(need.file().substring(1)))) {
        throw new DeviceException(use.family().key(),
            "no " + need.what() + " " + need.file() + " for " + use.entry() + ": " + need.hint());
      }
    }
  }

  private record Need(String what, String file, String hint) {}

  private static Need need(IoUse use) {
    return switch (use.kind()) {
      case I2C -> new Need("I2C bus", "/dev/i2c-" + use.bus(), "is I2C enabled (" + switch (use.bus()) {
        case 0 -> "dtparam=i2c_vc=on";
        case 1 -> "dtparam=i2c_arm=on";
        default -> "dtoverlay=i2c" + use.bus();
      } + ")?");
      case SPI -> new Need("SPI device", "/dev/spidev" + use.bus() + "." + use.address(),
          "is SPI enabled (" + (use.bus() == 0 ? "dtparam=spi=on" : "dtoverlay=spi" + use.bus() + "-3cs") + ")?");
      case DIGITAL_INPUT, DIGITAL_OUTPUT -> new Need("GPIO chip", "/dev/gpiochip0",
          "is this a Raspberry Pi running Linux with the GPIO character device?");
      case PWM -> new Need("PWM chip", "/sys/class/pwm/pwmchip0",
          "is hardware PWM enabled (dtoverlay=pwm-2chan)?");
      case ONE_WIRE -> new Need("1-Wire folder", "/sys/bus/w1/devices",
          "is 1-Wire enabled (dtoverlay=w1-gpio,gpiopin=4)?");
    };
  }
}
