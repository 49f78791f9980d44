package space.lunarbase.hal.sim.gpio;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmBase;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmProvider;

/**
 * A simulated PWM channel. As on Pi4J's own channels, the duty cycle and frequency take effect at
 * {@link #on()} (or at once while on); every effective change is reported to {@link SimPins}.
 */
final class SimPwm extends PwmBase {

  private final SimPins pins;

  SimPwm(PwmProvider provider, PwmConfig config, SimPins pins) {
    super(provider, config);
    this.pins = pins;
  }

  @Override
  public Pwm on() throws IOException {
    synchronized (this) {
      onState = true;
    }
    report();
    return this;
  }

  @Override
  public Pwm off() throws IOException {
    synchronized (this) {
      onState = false;
    }
    report();
    return this;
  }

  @Override
  public void setDutyCycle(Integer dutyCycle) throws IOException {
    super.setDutyCycle(dutyCycle);
    if (isOn()) {
      report();
    }
  }

  @Override
  public void setFrequency(int frequency) throws IOException {
    super.setFrequency(frequency);
    if (isOn()) {
      report();
    }
  }

  @Override
  public int getActualFrequency() {
    return frequency;
  }

  private void report() {
    PwmState state;
    synchronized (this) {
      state = new PwmState(onState, dutyCycle == null ? 0 : dutyCycle, frequency);
    }
    pins.pwmChanged(address(), state);
  }
}
