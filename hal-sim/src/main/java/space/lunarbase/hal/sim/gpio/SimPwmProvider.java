package space.lunarbase.hal.sim.gpio;

import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmProviderBase;
import java.util.Objects;

/** Our Pi4J PWM provider: its channels report duty cycle and frequency to plant models via {@link SimPins}. */
public final class SimPwmProvider extends PwmProviderBase {

  /** Unique provider id (a duplicate id would be dropped silently by Pi4J). */
  public static final String ID = "lunarbase-sim-pwm";
  public static final String NAME = "lunarbase simulated PWM";

  private final SimPins pins;

  public SimPwmProvider(SimPins pins) {
    super(ID, NAME);
    this.pins = Objects.requireNonNull(pins, "pins");
  }

  @Override
  public Pwm create(PwmConfig config) {
    SimPwm io = new SimPwm(this, config, pins);
    context.registry().add(io);
    return io;
  }
}
