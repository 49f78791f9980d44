package space.lunarbase.hal.sim.spi;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProviderBase;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our own Pi4J SPI provider: its handles talk to simulated devices attached by bus and chip
 * select, so a real driver runs unchanged against a model. A chip select with no device reads all
 * 0xFF; an injected {@link SpiFault} corrupts what the host receives. Add it explicitly to a
 * context built without auto-detection; one instance belongs to one context.
 *
 * <p>Pi4J keys SPI handles by chip select alone (default id {@code SPI-<cs>}): give handles on
 * different buses explicit ids.
 */
public final class SimSpiProvider extends SpiProviderBase {

  /** Unique provider id (a duplicate id would be dropped silently by Pi4J). */
  public static final String ID = "lunarbase-sim-spi";
  public static final String NAME = "lunarbase simulated SPI";

  private final Map<Long, SimSpiDevice> devices = new ConcurrentHashMap<>();
  private final Map<Long, SpiFault> faults = new ConcurrentHashMap<>();
  private final Map<Integer, Object> busLocks = new ConcurrentHashMap<>();

  public SimSpiProvider() {
    super(ID, NAME);
  }

  /** Puts {@code device} on {@code bus} at {@code chipSelect}, replacing any device there. */
  public SimSpiProvider attach(int bus, int chipSelect, SimSpiDevice device) {
    devices.put(key(bus, chipSelect), Objects.requireNonNull(device, "device"));
    return this;
  }

  /** Removes the device: later transactions on that chip select read all 0xFF. */
  public void detach(int bus, int chipSelect) {
    devices.remove(key(bus, chipSelect));
  }

  /** Applies {@code fault} to every later transaction on that chip select until cleared. */
  public void injectFault(int bus, int chipSelect, SpiFault fault) {
    faults.put(key(bus, chipSelect), Objects.requireNonNull(fault, "fault"));
  }

  /** Removes the fault on that chip select. */
  public void clearFault(int bus, int chipSelect) {
    faults.remove(key(bus, chipSelect));
  }

  @Override
  public Spi create(SpiConfig config) {
    SimSpi io = new SimSpi(this, config);
    context.registry().add(io);
    return io;
  }

  byte[] exchange(int bus, int chipSelect, byte[] mosi) {
    synchronized (busLocks.computeIfAbsent(bus, b -> new Object())) {
      long key = key(bus, chipSelect);
      SimSpiDevice device = devices.get(key);
      byte[] miso;
      if (device == null) {
        miso = new byte[mosi.length];
        Arrays.fill(miso, (byte) 0xFF);
      } else {
        try {
          miso = device.exchange(mosi.clone());
        } catch (java.io.IOException e) {
          throw new IOException("SPI bus " + bus + " CS " + chipSelect + ": " + e.getMessage(), e);
        }
        if (miso == null || miso.length != mosi.length) {
          throw new IllegalStateException("simulated SPI device on bus " + bus + " CS " + chipSelect
              + " answered " + (miso == null ? "null" : miso.length + " bytes") + " to " + mosi.length);
        }
      }
      SpiFault fault = faults.get(key);
      if (fault != null) {
        fault.apply(mosi, miso);
      }
      return miso;
    }
  }

  private static long key(int bus, int chipSelect) {
    if (bus < 0 || chipSelect < 0) {
      throw new IllegalArgumentException("bus and chip select must be >= 0, were " + bus + ", " + chipSelect);
    }
    return (long) bus << 32 | chipSelect;
  }
}
