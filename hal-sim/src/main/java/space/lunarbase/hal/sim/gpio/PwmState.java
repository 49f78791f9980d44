package space.lunarbase.hal.sim.gpio;

/**
 * What a simulated PWM channel drives at one moment.
 *
 * @param on whether the channel is switched on
 * @param dutyCyclePercent the configured duty cycle, 0..100 (Pi4J 3.x uses whole percent)
 * @param frequencyHz the configured frequency
 */
public record PwmState(boolean on, int dutyCyclePercent, int frequencyHz) {

  /** A channel that was never switched on. */
  public static final PwmState OFF = new PwmState(false, 0, 0);

  /** The duty cycle actually applied: 0 while off. */
  public double effectiveDuty() {
    return on ? dutyCyclePercent / 100.0 : 0;
  }
}
