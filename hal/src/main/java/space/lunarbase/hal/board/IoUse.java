package space.lunarbase.hal.board;

import java.util.Objects;

/**
 * One piece of a board's I/O that a described device uses: what a board must provide and what two
 * devices must not share. Named by its entry in the description, e.g.
 * {@code bank.contactors.main.coil} or {@code tracker.sun-adc}.
 *
 * @param family the hardware family that uses it
 * @param kind the kind of I/O
 * @param entry the description entry, {@code <family>.<part>}
 * @param bus the I2C or SPI bus; 0 for the other kinds
 * @param address the I2C address, the SPI chip select or the BCM GPIO number; 0 for 1-Wire
 */
public record IoUse(Family family, Kind kind, String entry, int bus, int address) {

  /** The hardware families a board can drive. */
  public enum Family {
    BANK, TRACKER, RAIL;

    /** The family's name in entries and messages: {@code bank}, {@code tracker}, {@code rail}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Kinds of I/O, each served by one Pi4J provider type (1-Wire by the kernel's w1 files). */
  public enum Kind { I2C, SPI, DIGITAL_INPUT, DIGITAL_OUTPUT, PWM, ONE_WIRE }

  public IoUse {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(entry, "entry");
  }

  static IoUse i2c(Family family, String part, int bus, int address) {
    return new IoUse(family, Kind.I2C, family.key() + "." + part, bus, address);
  }

  static IoUse gpio(Family family, Kind kind, String part, int pin) {
    return new IoUse(family, kind, family.key() + "." + part, 0, pin);
  }

  /** Whether this use takes a GPIO pin by its BCM number (digital input, output or PWM). */
  public boolean isPin() {
    return kind == Kind.DIGITAL_INPUT || kind == Kind.DIGITAL_OUTPUT || kind == Kind.PWM;
  }
}
