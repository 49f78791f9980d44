package space.lunarbase.hal.board;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one capacitor bank's pack monitor (an INA226) is wired to a controller board.
 *
 * @param id the bank's id, {@code [a-z0-9-]+}
 * @param bus the I2C bus number ({@code /dev/i2c-<bus>}), 0..31
 * @param address the INA226's 7-bit I2C address, 0x40..0x4F (set by its A0/A1 pins)
 * @param shuntOhms the pack shunt resistance, positive
 * @param maxCurrentA the largest pack current to measure, positive
 */
public record BankWiring(String id, int bus, int address, double shuntOhms, double maxCurrentA) {

  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

  public BankWiring {
    Objects.requireNonNull(id, "BankWiring.id must be given");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("BankWiring.id must match [a-z0-9-]+, was '" + id + "'");
    }
    if (bus < 0 || bus > 31) {
      throw new IllegalArgumentException("BankWiring.bus must be 0..31 (/dev/i2c-<bus>), was " + bus);
    }
    if (address < 0x40 || address > 0x4F) {
      throw new IllegalArgumentException(String.format(
          "BankWiring.address must be an INA226 address 0x40..0x4F, was 0x%02X", address));
    }
    if (!(shuntOhms > 0) || !Double.isFinite(shuntOhms)) {
      throw new IllegalArgumentException("BankWiring.shuntOhms must be positive and finite, was " + shuntOhms);
    }
    if (!(maxCurrentA > 0) || !Double.isFinite(maxCurrentA)) {
      throw new IllegalArgumentException("BankWiring.maxCurrentA must be positive and finite, was " + maxCurrentA);
    }
  }

  /** The device name used in errors: {@code <id>/ina226}. */
  public String monitorName() {
    return id + "/ina226";
  }

  /** The Pi4J I/O id of the monitor's I2C handle. */
  public String monitorIoId() {
    return "ina226-" + id;
  }
}
