package space.lunarbase.fsw.config;

import io.micronaut.core.reflect.ClassUtils;

/**
 * Whether this build of the firmware carries the simulator: the simulated wiring
 * ({@code space.lunarbase.fsw.sim}) and the simulated boards (module {@code hal-sim}). The runnable
 * {@code firmware-app-all.jar} does; the flight application ({@code firmware-app-flight.jar}, the
 * one the Debian package installs) does not, so {@code hal.mode=sim} stops its start with one line.
 * Looked up by name: flight code never refers to a simulated class.
 */
public final class Simulator {

  /** The hal.mode=sim hardware factory of the simulated wiring. */
  static final String WIRING = "space.lunarbase.fsw.sim.SimulatedHardwareFactory";
  /** The simulated board of hal-sim. */
  static final String BOARDS = "space.lunarbase.hal.sim.SimulatedBoard";

  private Simulator() {}

  /** True when both the simulated wiring and the simulated boards are on the class path. */
  public static boolean present() {
    ClassLoader loader = Simulator.class.getClassLoader();
    return ClassUtils.isPresent(WIRING, loader) && ClassUtils.isPresent(BOARDS, loader);
  }
}
