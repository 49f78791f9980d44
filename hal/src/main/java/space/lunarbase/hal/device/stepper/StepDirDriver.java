package space.lunarbase.hal.device.stepper;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;

/**
 * A step/direction stepper driver such as the TI DRV8825
 * (<a href="https://www.ti.com/lit/ds/symlink/drv8825.pdf">SLVSA73</a>) or the Trinamic TMC2209
 * in standalone STEP/DIR mode, driven through four Pi4J GPIO lines.
 *
 * <p>Facts this driver relies on (DRV8825 datasheet section in brackets):
 * <ul>
 *   <li>A rising edge on STEP moves one (micro)step in the direction DIR selects [7.3.2]; STEP
 *       high and low each at least 1.9 &micro;s, DIR set up 650 ns before the edge [6.6]. A Pi's
 *       GPIO writes through Pi4J take several microseconds each, so no delays are inserted; the
 *       step rate is whatever the caller's loop achieves.
 *   <li>nENBL is active low: low enables the output stage, high disables it [7.3.5]. This driver
 *       starts disabled (nENBL high).
 *   <li>nFAULT is an open-drain output pulled low on over-current or over-temperature [7.3.6]; it
 *       needs a pull-up (the input is read with whatever pull the board configured).
 * </ul>
 *
 * <p>Moves are bounded: at most {@link Settings#maxStepsPerCall()} steps per call. The driver
 * refuses to step while disabled or faulted ({@link DeviceException}), checks nFAULT before each
 * step, and counts the steps it issued ({@link #position()}, positive = DIR high).
 */
public final class StepDirDriver {

  /**
   * @param name the device's name in errors, e.g. {@code tracker-1/az-stepper}
   * @param maxStepsPerCall the largest move one call may make, 1..100000
   */
  public record Settings(String name, int maxStepsPerCall) {
    public Settings {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("StepDirDriver settings: name must not be blank");
      }
      if (maxStepsPerCall < 1 || maxStepsPerCall > 100_000) {
        throw new IllegalArgumentException(
            "StepDirDriver " + name + ": maxStepsPerCall must be 1..100000, was " + maxStepsPerCall);
      }
    }
  }

  private final DigitalOutput step;
  private final DigitalOutput direction;
  private final DigitalOutput enableN;
  private final DigitalInput faultN;
  private final Settings settings;
  private boolean enabled;
  private long position;

  public StepDirDriver(DigitalOutput step, DigitalOutput direction, DigitalOutput enableN, DigitalInput faultN,
      Settings settings) {
    this.step = Objects.requireNonNull(step, "step");
    this.direction = Objects.requireNonNull(direction, "direction");
    this.enableN = Objects.requireNonNull(enableN, "enableN");
    this.faultN = Objects.requireNonNull(faultN, "faultN");
    this.settings = Objects.requireNonNull(settings, "settings");
    io(() -> {
      step.low();
      enableN.high();
    }, "initialising STEP low and nENBL high");
  }

  public Settings settings() {
    return settings;
  }

  /** Drives nENBL low (true) or high (false). */
  public synchronized void enable(boolean on) {
    io(() -> {
      if (on) {
        enableN.low();
      } else {
        enableN.high();
      }
    }, (on ? "enabling" : "disabling") + " (nENBL)");
    enabled = on;
  }

  public synchronized boolean enabled() {
    return enabled;
  }

  /** Whether nFAULT is low now. */
  public boolean faulted() {
    try {
      return faultN.isLow();
    } catch (RuntimeException e) {
      throw new DeviceException(settings.name(), "reading nFAULT failed: " + e.getMessage(), e);
    }
  }

  /**
   * Issues {@code |steps|} pulses, positive with DIR high. Stops early if nFAULT goes low mid-move.
   *
   * @return the steps issued, with the sign of the move
   * @throws IllegalArgumentException if {@code |steps|} exceeds {@link Settings#maxStepsPerCall()}
   * @throws DeviceException if the driver is disabled, or faulted before the first step, or a GPIO
   *     write fails
   */
  public synchronized int step(int steps) {
    if (Math.abs((long) steps) > settings.maxStepsPerCall()) {
      throw new IllegalArgumentException(String.format("%s: %d steps exceed the %d allowed per call",
          settings.name(), steps, settings.maxStepsPerCall()));
    }
    if (steps == 0) {
      return 0;
    }
    if (!enabled) {
      throw new DeviceException(settings.name(), "refusing to step: driver disabled (nENBL high)");
    }
    if (faulted()) {
      throw new DeviceException(settings.name(), "refusing to step: driver reports a fault (nFAULT low)");
    }
    int sign = Integer.signum(steps);
    io(() -> {
      if (sign > 0) {
        direction.high();
      } else {
        direction.low();
      }
    }, "setting DIR");
    int done = 0;
    while (done < Math.abs(steps) && !(done > 0 && faulted())) {
      io(() -> {
        step.high();
        step.low();
      }, "pulsing STEP");
      done++;
      position += sign;
    }
    return sign * done;
  }

  /** The steps issued since construction, signed (positive = DIR high). */
  public synchronized long position() {
    return position;
  }

  private interface GpioAction {
    void run();
  }

  private void io(GpioAction action, String what) {
    try {
      action.run();
    } catch (RuntimeException e) {
      throw new DeviceException(settings.name(), what + " failed: " + e.getMessage(), e);
    }
  }
}
