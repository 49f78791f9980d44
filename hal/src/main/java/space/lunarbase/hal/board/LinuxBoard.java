package space.lunarbase.hal.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.bank.CapacitorBank;
import space.lunarbase.hal.bank.MonitoredBank;
import space.lunarbase.hal.device.ina226.Ina226;

/**
 * A real controller board: Pi4J with the Linux file-system I2C provider only (no auto-detection,
 * so no mock can stand in), talking to an INA226 on {@code /dev/i2c-<bus>}. Fails loudly at open
 * when the bus or the chip is missing.
 */
public final class LinuxBoard implements Board {

  private static final Logger LOG = LoggerFactory.getLogger(LinuxBoard.class);

  private final Context pi4j;
  private final CapacitorBank bank;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LinuxBoard(Context pi4j, CapacitorBank bank) {
    this.pi4j = pi4j;
    this.bank = bank;
  }

  /**
   * Opens the I2C bus, checks and configures the pack monitor.
   *
   * @throws DeviceException if the bus device file is missing or the INA226 does not answer right
   * @throws IllegalArgumentException if the wiring's shunt and current do not suit an INA226
   */
  public static LinuxBoard open(BankWiring wiring, InstantSource clock) {
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(clock, "clock");
    Path device = Path.of("/dev/i2c-" + wiring.bus());
    if (!Files.exists(device)) {
      throw new DeviceException(wiring.id(),
          "no I2C bus " + device + ": is I2C enabled (dtparam=i2c_arm=on)?");
    }
    Ina226.Settings settings =
        new Ina226.Settings(wiring.monitorName(), wiring.shuntOhms(), wiring.maxCurrentA());
    Context pi4j = Pi4J.newContextBuilder().add(LinuxFsI2CProvider.newInstance()).build();
    try {
      I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(wiring.monitorIoId()).bus(wiring.bus())
          .device(wiring.address()).provider(LinuxFsI2CProvider.ID).build());
      Ina226 monitor = new Ina226(i2c, settings);
      monitor.start();
      return new LinuxBoard(pi4j, new MonitoredBank(wiring.id(), monitor, clock));
    } catch (DeviceException e) {
      shutdownQuietly(pi4j, e);
      throw e;
    } catch (RuntimeException e) {
      shutdownQuietly(pi4j, e);
      throw new DeviceException(wiring.monitorName(), "cannot open I2C device on " + device + ": " + e.getMessage(), e);
    }
  }

  private static void shutdownQuietly(Context pi4j, RuntimeException cause) {
    try {
      pi4j.shutdown();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public String mode() {
    return "real";
  }

  @Override
  public CapacitorBank bank() {
    return bank;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        pi4j.shutdown();
      } catch (RuntimeException e) {
        LOG.warn("Pi4J context did not shut down cleanly", e);
      }
    }
  }
}
