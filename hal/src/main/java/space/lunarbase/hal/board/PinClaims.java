package space.lunarbase.hal.board;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a board's {@link IoUse}s against each other: no GPIO pin, I2C bus and address, or SPI bus
 * and chip select used twice. The fixed header pins of I2C buses 0 and 1 and SPI buses 0 and 1
 * count as used by the first device on that bus (other buses take their pins from a device-tree
 * overlay and are not checked). Throws one IllegalArgumentException naming both entries.
 */
final class PinClaims {

  /** SDA, SCL of /dev/i2c-0 (ID EEPROM pins, dtparam=i2c_vc=on) and /dev/i2c-1. */
  private static final Map<Integer, int[]> I2C_PINS = Map.of(0, new int[] {0, 1}, 1, new int[] {2, 3});
  /** MISO, MOSI, SCLK, then CE0, CE1, CE2 of SPI0 and SPI1. */
  private static final Map<Integer, int[]> SPI_PINS =
      Map.of(0, new int[] {9, 10, 11, 8, 7}, 1, new int[] {19, 20, 21, 18, 17, 16});
  private static final String[] SPI_LINES = {"miso", "mosi", "sclk"};

  private final Map<Integer, String> pins = new HashMap<>();
  private final Map<String, String> devices = new HashMap<>();

  private PinClaims() {}

  static void check(List<IoUse> uses) {
    PinClaims claims = new PinClaims();
    uses.forEach(claims::claim);
  }

  private void claim(IoUse use) {
    switch (use.kind()) {
      case I2C -> {
        device(String.format("I2C bus %d address 0x%02X", use.bus(), use.address()), use.entry());
        int[] lines = I2C_PINS.get(use.bus());
        if (lines != null) {
          busPin(lines[0], "i2c-" + use.bus() + ".sda (" + use.entry() + ")");
          busPin(lines[1], "i2c-" + use.bus() + ".scl (" + use.entry() + ")");
        }
      }
      case SPI -> {
        device("SPI bus " + use.bus() + " chip select " + use.address(), use.entry());
        int[] lines = SPI_PINS.get(use.bus());
        if (lines != null) {
          for (int i = 0; i < SPI_LINES.length; i++) {
            busPin(lines[i], "spi" + use.bus() + "." + SPI_LINES[i] + " (" + use.entry() + ")");
          }
          if (3 + use.address() < lines.length) {
            pin(lines[3 + use.address()], "spi" + use.bus() + ".ce" + use.address() + " (" + use.entry() + ")");
          }
        }
      }
      case DIGITAL_INPUT, DIGITAL_OUTPUT, PWM -> pin(use.address(), use.entry());
      case ONE_WIRE -> { }
    }
  }

  private void device(String key, String entry) {
    String before = devices.putIfAbsent(key, entry);
    if (before != null) {
      throw new IllegalArgumentException(key + " used twice: " + before + " and " + entry);
    }
  }

  /** A bus line: shared by every device on that bus, so claimed by the first one only. */
  private void busPin(int pin, String entry) {
    String before = pins.get(pin);
    String bus = entry.substring(0, entry.indexOf('.'));
    if (before == null || !before.startsWith(bus + ".")) {
      pin(pin, entry);
    }
  }

  void pin(int pin, String entry) {
    String before = pins.putIfAbsent(pin, entry);
    if (before != null) {
      throw new IllegalArgumentException("GPIO " + pin + " used twice: " + before + " and " + entry);
    }
  }
}
