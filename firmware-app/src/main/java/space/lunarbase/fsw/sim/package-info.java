/**
 * The simulated wiring, {@code hal.mode=sim} only (every bean carries {@link SimulatedHardware}):
 * {@link SimulatedHardwareFactory} (the simulated board of {@code hal-sim}, the simulation clock,
 * the rate groups' tick on it), the link's own broker when none is configured
 * ({@link EmbeddedBroker}, Moquette, through {@link MoquetteBrokers}), and in {@code sim.control}
 * the simulation control channel {@code /sim}. The only package of the firmware that uses
 * {@code space.lunarbase.hal.sim} or Moquette ({@code FirmwareLayeringTest}); the flight
 * application ({@code firmware-app-flight.jar}) is built without it.
 */
package space.lunarbase.fsw.sim;
