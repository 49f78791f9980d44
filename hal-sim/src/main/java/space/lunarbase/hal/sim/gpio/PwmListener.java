package space.lunarbase.hal.sim.gpio;

/** A plant model watching a simulated PWM channel. Must return quickly and not block. */
@FunctionalInterface
public interface PwmListener {

  /** The PWM channel at {@code address} now drives {@code state}. */
  void changed(int address, PwmState state);
}
