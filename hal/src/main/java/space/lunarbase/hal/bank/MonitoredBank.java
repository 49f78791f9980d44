package space.lunarbase.hal.bank;

import com.pi4j.exception.Pi4JException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.ina226.Ina226;

/**
 * A bank whose pack voltage and current are measured by an INA226 at the pack terminal. Turns
 * device errors into FAILED readings and physically impossible values into OUT_OF_RANGE ones (bus
 * voltage above the INA226's rated 36 V, current beyond 1.5 &times; the configured maximum), so
 * the firmware sees every hardware fault as data, never as an exception. Time comes from the
 * injected clock only.
 */
public final class MonitoredBank implements CapacitorBank {

  /** Readings above this current, relative to the monitor's configured maximum, are implausible. */
  static final double CURRENT_MARGIN = 1.5;

  private final String id;
  private final Ina226 monitor;
  private final InstantSource clock;

  public MonitoredBank(String id, Ina226 monitor, InstantSource clock) {
    this.id = Objects.requireNonNull(id, "id");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public PackReading readPack() {
    Instant now = clock.instant();
    Ina226.Measurement m;
    try {
      m = monitor.read();
    } catch (DeviceException e) {
      return PackReading.failed(now, e.getMessage());
    } catch (Pi4JException e) {
      return PackReading.failed(now, monitor.settings().name() + ": " + e.getMessage());
    }
    String fault = plausibility(m);
    return new PackReading(now, m.busVoltageV(), m.currentA(), m.powerW(), m.shuntVoltageV(),
        fault.isEmpty() ? Quality.GOOD : Quality.OUT_OF_RANGE, fault);
  }

  private String plausibility(Ina226.Measurement m) {
    Ina226.Settings settings = monitor.settings();
    if (m.busVoltageV() > Ina226.RATED_BUS_V) {
      return String.format("%s: pack voltage %.3f V above the INA226 rated bus maximum %.0f V", settings.name(),
          m.busVoltageV(), Ina226.RATED_BUS_V);
    }
    // The Current register saturates near maxCurrentA (its LSB is maxCurrentA / 2^15), so the
    // shunt voltage over the shunt resistance is what can show a current beyond it.
    double shuntCurrent = m.shuntVoltageV() / settings.shuntOhms();
    double current = Math.abs(shuntCurrent) > Math.abs(m.currentA()) ? shuntCurrent : m.currentA();
    double limit = CURRENT_MARGIN * settings.maxCurrentA();
    if (Math.abs(current) > limit) {
      return String.format("%s: pack current %.3f A beyond %.1f x the configured maximum %.3f A", settings.name(),
          current, CURRENT_MARGIN, settings.maxCurrentA());
    }
    return "";
  }
}
