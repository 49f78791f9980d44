package space.lunarbase.hal.sim.gpio;

/** A plant model watching a simulated output pin. Must return quickly and not block. */
@FunctionalInterface
public interface OutputListener {

  /** The output at BCM {@code pin} changed to {@code high}. */
  void changed(int pin, boolean high);
}
