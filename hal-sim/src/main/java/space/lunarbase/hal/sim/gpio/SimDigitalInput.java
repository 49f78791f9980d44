package space.lunarbase.hal.sim.gpio;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.PullResistance;

/**
 * A simulated input pin: every {@link #state()} samples {@link SimPins}, and a level different from
 * the last one seen fires a {@link DigitalStateChangeEvent}, as an edge on a real pin does.
 */
final class SimDigitalInput extends DigitalInputBase {

  private final SimPins pins;
  private final boolean pullHigh;
  private DigitalState last = DigitalState.UNKNOWN;

  SimDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, SimPins pins) {
    super(provider, config);
    this.pins = pins;
    this.pullHigh = config.pull() == PullResistance.PULL_UP;
  }

  @Override
  public DigitalInput initialize(Context context) throws InitializeException {
    super.initialize(context);
    pins.register(this);
    return this;
  }

  @Override
  public DigitalInput shutdown(Context context) throws ShutdownException {
    pins.unregister(this);
    return super.shutdown(context);
  }

  @Override
  public DigitalState state() {
    DigitalState now = DigitalState.getState(pins.sample(address(), pullHigh));
    boolean changed;
    synchronized (this) {
      changed = last != DigitalState.UNKNOWN && last != now;
      last = now;
    }
    if (changed) {
      dispatch(new DigitalStateChangeEvent<>(this, now));
    }
    return now;
  }

  /** One poll from {@link SimPins#refresh()}. */
  void poll() {
    state();
  }
}
