package space.lunarbase.hal.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.context.ContextBuilder;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.bank.CapacitorBank;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.bank.CellStringBank;
import space.lunarbase.hal.device.ads1115.Ads1115;
import space.lunarbase.hal.device.ds18b20.Ds18b20;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.tracker.SolarTracker;
import space.lunarbase.hal.tracker.StepperTracker;

/**
 * A real controller board: every family of a {@link BoardDescription} on ONE Pi4J context holding
 * only Pi4J's Linux providers for the I/O types the description uses (linuxfs I2C, SPI and PWM on
 * {@code pwmchip0}, gpiod digital input and output on {@code /dev/gpiochip0}); no platform, no
 * auto-detection, so nothing simulated can stand in, and no simulated class is loaded. Fails loudly
 * at open: a missing device file names its family, entry and fix (see {@link DeviceFiles}); a chip
 * that does not answer or has the wrong identity fails its driver's start-up check.
 */
public final class LinuxBoard implements Board {

  private static final Logger LOG = LoggerFactory.getLogger(LinuxBoard.class);

  private final Context pi4j;
  private final Optional<CellStringBank> bank;
  private final Optional<SolarTracker> tracker;
  private final Optional<LaunchRail> rail;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LinuxBoard(Context pi4j, Optional<CellStringBank> bank, Optional<SolarTracker> tracker,
      Optional<LaunchRail> rail) {
    this.pi4j = pi4j;
    this.bank = bank;
    this.tracker = tracker;
    this.rail = rail;
  }

  /**
   * Checks the device files, builds the context and starts every family on it.
   *
   * @throws DeviceException if a device file is missing (message {@code <family>: no <what> <file>
   *     for <entry>: <fix>}) or a chip does not answer right at start
   * @throws IllegalArgumentException if a wiring's values do not suit its chip (e.g. shunt and range)
   */
  public static LinuxBoard open(BoardDescription description, InstantSource clock) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(clock, "clock");
    DeviceFiles.check(description, Path.of("/"));
    Context pi4j = context(description);
    try {
      Optional<CellStringBank> bank = description.bank().map(w -> family("bank", () -> CellBankAssembly.build(pi4j,
          w, Ds18b20.SYSFS_DEVICES, clock, Ads1115.Timing.system(), DeviceFiles.PWM_CHANNELS.get(w.chargerPwm()))));
      Optional<SolarTracker> tracker = description.tracker().map(w -> family("tracker", () -> TrackerAssembly.build(
          pi4j, w, StepperTracker.Settings.defaults(w.id()), clock, Ads1115.Timing.system())));
      Optional<LaunchRail> rail = description.rail()
          .map(w -> family("rail", () -> RailAssembly.build(pi4j, w, clock).rail()));
      return new LinuxBoard(pi4j, bank, tracker, rail);
    } catch (RuntimeException e) {
      try {
        pi4j.shutdown();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** A context with one Linux provider per I/O type the description uses, and nothing else. */
  private static Context context(BoardDescription description) {
    Set<IoUse.Kind> kinds = EnumSet.noneOf(IoUse.Kind.class);
    description.uses().forEach(use -> kinds.add(use.kind()));
    ContextBuilder builder = Pi4J.newContextBuilder();
    if (kinds.contains(IoUse.Kind.I2C)) {
      builder.add(LinuxFsI2CProvider.newInstance());
    }
    if (kinds.contains(IoUse.Kind.SPI)) {
      builder.add(LinuxFsSpiProvider.newInstance());
    }
    if (kinds.contains(IoUse.Kind.DIGITAL_INPUT)) {
      builder.add(GpioDDigitalInputProvider.newInstance());
    }
    if (kinds.contains(IoUse.Kind.DIGITAL_OUTPUT)) {
      builder.add(GpioDDigitalOutputProvider.newInstance());
    }
    if (kinds.contains(IoUse.Kind.PWM)) {
      builder.add(LinuxFsPwmProvider.newInstance(0));
    }
    return builder.build();
  }

  /** Builds one family; a Pi4J failure becomes a DeviceException naming the family. */
  private static <T> T family(String family, Supplier<T> build) {
    try {
      return build.get();
    } catch (DeviceException | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DeviceException(family, "cannot start: " + e.getMessage(), e);
    }
  }

  @Override
  public String mode() {
    return "real";
  }

  @Override
  public Optional<CapacitorBank> bank() {
    return bank.map(b -> b);
  }

  @Override
  public Optional<CellBank> cellBank() {
    return bank.map(b -> b);
  }

  @Override
  public Optional<SolarTracker> tracker() {
    return tracker;
  }

  @Override
  public Optional<LaunchRail> rail() {
    return rail;
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
