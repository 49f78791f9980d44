package space.lunarbase.hal.sim;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our own Pi4J I2C provider: its handles talk to simulated chips attached by bus and address,
 * so a real driver runs unchanged against a plant model. Add it explicitly to a context built
 * without auto-detection; one instance belongs to one context.
 */
public final class SimI2CProvider extends I2CProviderBase {

  /** Unique provider id (a duplicate id would be dropped silently by Pi4J). */
  public static final String ID = "lunarbase-sim-i2c";
  public static final String NAME = "lunarbase simulated I2C";

  private final Map<Long, SimI2CChip> chips = new ConcurrentHashMap<>();
  private final Map<Integer, SimI2CBus> buses = new ConcurrentHashMap<>();

  public SimI2CProvider() {
    super(ID, NAME);
  }

  /** Puts {@code chip} on the bus at {@code address}, replacing any chip there. */
  public SimI2CProvider attach(int bus, int address, SimI2CChip chip) {
    checkAddress(bus, address);
    chips.put(key(bus, address), Objects.requireNonNull(chip, "chip"));
    return this;
  }

  /** Removes the chip at {@code address}: later transactions to it NACK. */
  public void detach(int bus, int address) {
    chips.remove(key(bus, address));
  }

  SimI2CChip chip(int bus, int address) {
    return chips.get(key(bus, address));
  }

  @Override
  public I2C create(I2CConfig config) {
    SimI2CBus bus = buses.computeIfAbsent(config.bus(), b -> new SimI2CBus(config));
    SimI2C io = new SimI2C(this, config, bus);
    context.registry().add(io);
    return io;
  }

  private static long key(int bus, int address) {
    return (long) bus << 32 | address;
  }

  private static void checkAddress(int bus, int address) {
    if (bus < 0) {
      throw new IllegalArgumentException("bus must be >= 0, was " + bus);
    }
    if (address < 0 || address > 0x7F) {
      throw new IllegalArgumentException(String.format("I2C address must be 7 bits (0x00..0x7F), was 0x%X", address));
    }
  }
}
