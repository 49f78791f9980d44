package space.lunarbase.hal.sim.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import java.util.Objects;

/** Our Pi4J digital input provider: its pins read plant models through {@link SimPins}. */
public final class SimDigitalInputProvider extends DigitalInputProviderBase {

  /** Unique provider id (a duplicate id would be dropped silently by Pi4J). */
  public static final String ID = "lunarbase-sim-din";
  public static final String NAME = "lunarbase simulated digital input";

  private final SimPins pins;

  public SimDigitalInputProvider(SimPins pins) {
    super(ID, NAME);
    this.pins = Objects.requireNonNull(pins, "pins");
  }

  @Override
  public DigitalInput create(DigitalInputConfig config) {
    SimDigitalInput io = new SimDigitalInput(this, config, pins);
    context.registry().add(io);
    return io;
  }
}
