package space.lunarbase.hal.tracker;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one solar-array tracker is wired to a controller board. Validated at construction, with
 * messages that name the field and the value.
 *
 * @param id the tracker's id, {@code [a-z0-9-]+}
 * @param azimuthEncoder the azimuth AS5600 (fixed address 0x36, so on its own bus or behind a mux)
 * @param elevationEncoder the elevation AS5600; must differ from the azimuth one in bus or address
 * @param sunSensorAdc the sun sensor's ADS1115, address 0x48..0x4B (photodiodes on AIN0 upper-left,
 *     AIN1 upper-right, AIN2 lower-left, AIN3 lower-right)
 * @param azimuthPins the azimuth stepper driver's GPIO lines
 * @param elevationPins the elevation stepper driver's GPIO lines
 * @param elevationLowerLimitPin BCM pin of the lower elevation limit switch (closed = low, pull-up)
 * @param elevationUpperLimitPin BCM pin of the upper elevation limit switch (closed = low, pull-up)
 * @param azimuthMechanics the azimuth drive train
 * @param elevationMechanics the elevation drive train
 */
public record TrackerWiring(String id, I2cDevice azimuthEncoder, I2cDevice elevationEncoder, I2cDevice sunSensorAdc,
    AxisPins azimuthPins, AxisPins elevationPins, int elevationLowerLimitPin, int elevationUpperLimitPin,
    AxisMechanics azimuthMechanics, AxisMechanics elevationMechanics) {

  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
  /** BCM GPIO numbers on the Pi's 40-pin header. */
  private static final int MAX_BCM = 27;

  /**
   * A chip on an I2C bus.
   *
   * @param bus {@code /dev/i2c-<bus>}, 0..31
   * @param address 7-bit address, 0x08..0x77
   */
  public record I2cDevice(int bus, int address) {
    public I2cDevice {
      if (bus < 0 || bus > 31) {
        throw new IllegalArgumentException("I2C bus must be 0..31 (/dev/i2c-<bus>), was " + bus);
      }
      if (address < 0x08 || address > 0x77) {
        throw new IllegalArgumentException(String.format("I2C address must be 0x08..0x77, was 0x%02X", address));
      }
    }
  }

  /**
   * The GPIO lines of one step/dir driver, by BCM number.
   *
   * @param step STEP output (rising edge = one step)
   * @param direction DIR output (high = positive)
   * @param enableN nENBL output (active low)
   * @param faultN nFAULT input (active low, pull-up)
   */
  public record AxisPins(int step, int direction, int enableN, int faultN) {}

  public TrackerWiring {
    Objects.requireNonNull(id, "TrackerWiring.id must be given");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("TrackerWiring.id must match [a-z0-9-]+, was '" + id + "'");
    }
    Objects.requireNonNull(azimuthEncoder, "TrackerWiring.azimuthEncoder must be given");
    Objects.requireNonNull(elevationEncoder, "TrackerWiring.elevationEncoder must be given");
    Objects.requireNonNull(sunSensorAdc, "TrackerWiring.sunSensorAdc must be given");
    Objects.requireNonNull(azimuthPins, "TrackerWiring.azimuthPins must be given");
    Objects.requireNonNull(elevationPins, "TrackerWiring.elevationPins must be given");
    Objects.requireNonNull(azimuthMechanics, "TrackerWiring.azimuthMechanics must be given");
    Objects.requireNonNull(elevationMechanics, "TrackerWiring.elevationMechanics must be given");
    if (azimuthEncoder.equals(elevationEncoder)) {
      throw new IllegalArgumentException(String.format(
          "TrackerWiring: azimuth and elevation encoders are both at bus %d address 0x%02X;"
              + " an AS5600 has one address (0x36), so put them on different buses or behind a mux",
          azimuthEncoder.bus(), azimuthEncoder.address()));
    }
    if (sunSensorAdc.address() < 0x48 || sunSensorAdc.address() > 0x4B) {
      throw new IllegalArgumentException(String.format(
          "TrackerWiring.sunSensorAdc.address must be an ADS1115 address 0x48..0x4B, was 0x%02X",
          sunSensorAdc.address()));
    }
    if (sunSensorAdc.equals(azimuthEncoder) || sunSensorAdc.equals(elevationEncoder)) {
      throw new IllegalArgumentException("TrackerWiring.sunSensorAdc shares bus and address with an encoder");
    }
    Map<Integer, String> used = new HashMap<>();
    pin(used, "azimuthPins.step", azimuthPins.step());
    pin(used, "azimuthPins.direction", azimuthPins.direction());
    pin(used, "azimuthPins.enableN", azimuthPins.enableN());
    pin(used, "azimuthPins.faultN", azimuthPins.faultN());
    pin(used, "elevationPins.step", elevationPins.step());
    pin(used, "elevationPins.direction", elevationPins.direction());
    pin(used, "elevationPins.enableN", elevationPins.enableN());
    pin(used, "elevationPins.faultN", elevationPins.faultN());
    pin(used, "elevationLowerLimitPin", elevationLowerLimitPin);
    pin(used, "elevationUpperLimitPin", elevationUpperLimitPin);
  }

  private static void pin(Map<Integer, String> used, String field, int bcm) {
    if (bcm < 0 || bcm > MAX_BCM) {
      throw new IllegalArgumentException("TrackerWiring." + field + " must be a BCM GPIO 0.." + MAX_BCM + ", was " + bcm);
    }
    String other = used.putIfAbsent(bcm, field);
    if (other != null) {
      throw new IllegalArgumentException(
          "TrackerWiring." + field + " uses BCM " + bcm + ", already used by TrackerWiring." + other);
    }
  }

  /** Device names in errors: {@code <id>/<part>}. */
  public String deviceName(String part) {
    return id + "/" + part;
  }

  /**
   * A demo wiring: encoders on buses 1 and 3 at 0x36, the ADC on bus 1 at 0x48, azimuth driver on
   * BCM 5/6/13/19, elevation driver on 12/16/20/21, limit switches on 23 (lower) and 24 (upper),
   * {@link AxisMechanics#demo()} on both axes.
   */
  public static TrackerWiring demo(String id) {
    return new TrackerWiring(id, new I2cDevice(1, 0x36), new I2cDevice(3, 0x36), new I2cDevice(1, 0x48),
        new AxisPins(5, 6, 13, 19), new AxisPins(12, 16, 20, 21), 23, 24, AxisMechanics.demo(), AxisMechanics.demo());
  }
}
