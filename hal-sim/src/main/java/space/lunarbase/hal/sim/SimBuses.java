package space.lunarbase.hal.sim;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import space.lunarbase.hal.sim.gpio.SimPins;
import space.lunarbase.hal.sim.spi.SimSpiProvider;

/**
 * The simulated buses of one board: one {@link SimI2CProvider}, one {@link SimSpiProvider} and
 * one {@link SimPins} with its digital input, output and PWM providers. Every simulated family on
 * the board attaches its chips and pins here, and {@link #newContext()} builds the board's one Pi4J
 * context holding exactly these five providers (no platform, no auto-detection).
 */
public final class SimBuses {

  private final SimI2CProvider i2c = new SimI2CProvider();
  private final SimSpiProvider spi = new SimSpiProvider();
  private final SimPins pins = new SimPins();
  private final AtomicBoolean contextBuilt = new AtomicBoolean();

  public SimI2CProvider i2c() {
    return i2c;
  }

  public SimSpiProvider spi() {
    return spi;
  }

  public SimPins pins() {
    return pins;
  }

  /**
   * The context of these buses. A provider instance belongs to one context, so this runs once.
   *
   * @throws IllegalStateException on a second call
   */
  public Context newContext() {
    if (!contextBuilt.compareAndSet(false, true)) {
      throw new IllegalStateException("these simulated buses already have their Pi4J context");
    }
    return Pi4J.newContextBuilder().add(i2c, spi).add(pins.providers()).build();
  }

  /** Shuts {@code pi4j} down after a failed start, keeping {@code cause} as the error. */
  static void shutdownAfter(Context pi4j, RuntimeException cause) {
    try {
      pi4j.shutdown();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
