package space.lunarbase.fsw.config.board;

import java.util.List;
import space.lunarbase.hal.tracker.AxisMechanics;
import space.lunarbase.hal.tracker.TrackerWiring;
import space.lunarbase.hal.tracker.TrackerWiring.AxisPins;
import space.lunarbase.hal.tracker.TrackerWiring.I2cDevice;

/** The {@code tracker:} section of a board file, one key per {@link TrackerWiring} component. */
final class TrackerSection {

  static final List<String> KEYS = List.of("id", "azimuth-encoder", "elevation-encoder", "sun-sensor-adc",
      "azimuth-pins", "elevation-pins", "elevation-lower-limit-pin", "elevation-upper-limit-pin",
      "azimuth-mechanics", "elevation-mechanics");
  static final List<String> I2C = List.of("bus", "address");
  static final List<String> PINS = List.of("step", "direction", "enable-n", "fault-n");
  static final List<String> MECHANICS = List.of("full-steps-per-rev", "microsteps", "gear-ratio");

  private TrackerSection() {}

  static TrackerWiring read(Entry entry) {
    Section s = entry.section(KEYS);
    String id = s.get("id").text();
    I2cDevice azimuthEncoder = i2c(s.get("azimuth-encoder"));
    I2cDevice elevationEncoder = i2c(s.get("elevation-encoder"));
    I2cDevice sunSensorAdc = i2c(s.get("sun-sensor-adc"));
    AxisPins azimuthPins = pins(s.get("azimuth-pins"));
    AxisPins elevationPins = pins(s.get("elevation-pins"));
    int lowerLimit = s.get("elevation-lower-limit-pin").whole();
    int upperLimit = s.get("elevation-upper-limit-pin").whole();
    AxisMechanics azimuthMechanics = mechanics(s.get("azimuth-mechanics"));
    AxisMechanics elevationMechanics = mechanics(s.get("elevation-mechanics"));
    return entry.build(() -> new TrackerWiring(id, azimuthEncoder, elevationEncoder, sunSensorAdc, azimuthPins,
        elevationPins, lowerLimit, upperLimit, azimuthMechanics, elevationMechanics));
  }

  private static I2cDevice i2c(Entry entry) {
    Section s = entry.section(I2C);
    int bus = s.get("bus").whole();
    int address = s.get("address").whole();
    return entry.build(() -> new I2cDevice(bus, address));
  }

  private static AxisPins pins(Entry entry) {
    Section s = entry.section(PINS);
    return new AxisPins(s.get("step").whole(), s.get("direction").whole(), s.get("enable-n").whole(),
        s.get("fault-n").whole());
  }

  private static AxisMechanics mechanics(Entry entry) {
    Section s = entry.section(MECHANICS);
    int fullStepsPerRev = s.get("full-steps-per-rev").whole();
    int microsteps = s.get("microsteps").whole();
    double gearRatio = s.get("gear-ratio").number();
    return entry.build(() -> new AxisMechanics(fullStepsPerRev, microsteps, gearRatio));
  }
}
