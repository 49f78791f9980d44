package space.lunarbase.hal.sim.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import java.util.Objects;

/** Our Pi4J digital output provider: its pins report every change to plant models via {@link SimPins}. */
public final class SimDigitalOutputProvider extends DigitalOutputProviderBase {

  /** Unique provider id (a duplicate id would be dropped silently by Pi4J). */
  public static final String ID = "lunarbase-sim-dout";
  public static final String NAME = "lunarbase simulated digital output";

  private final SimPins pins;

  public SimDigitalOutputProvider(SimPins pins) {
    super(ID, NAME);
    this.pins = Objects.requireNonNull(pins, "pins");
  }

  @Override
  public DigitalOutput create(DigitalOutputConfig config) {
    SimDigitalOutput io = new SimDigitalOutput(this, config, pins);
    context.registry().add(io);
    return io;
  }
}
