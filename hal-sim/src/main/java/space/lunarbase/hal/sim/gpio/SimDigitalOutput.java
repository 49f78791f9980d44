package space.lunarbase.hal.sim.gpio;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;

/** A simulated output pin: Pi4J's own state handling, plus a report of each change to {@link SimPins}. */
final class SimDigitalOutput extends DigitalOutputBase {

  private final SimPins pins;

  SimDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config, SimPins pins) {
    super(provider, config);
    this.pins = pins;
  }

  @Override
  public DigitalOutput state(DigitalState newState) throws IOException {
    boolean changed;
    synchronized (this) {
      changed = !newState.equals(state);
      super.state(newState);
    }
    if (changed && newState != DigitalState.UNKNOWN) {
      pins.outputChanged(address(), newState.isHigh());
    }
    return this;
  }
}
