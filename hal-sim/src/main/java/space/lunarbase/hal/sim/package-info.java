/**
 * Simulation (module {@code hal-sim}): plant models ({@link CellStringPlant}, {@link TrackerPlant},
 * {@link SledPlant}, {@link SunSensorModel}), simulated chips that answer at register level
 * ({@link SimIna226}, {@link SimAds1115}, {@link SimAs5600}, {@link SimMcp23017},
 * {@link SimRailFrontEnd}, the 1-Wire files of {@link SimOneWireBus}) behind our own Pi4J providers
 * ({@link SimI2CProvider}, {@code sim.spi}, {@code sim.gpio}), injected time ({@link SimClock}) and
 * whole simulated boards ({@link SimulatedBoard}). Simulation replaces the bus, never the driver.
 * Built on {@code hal}, which never refers to it, so real mode never loads it
 * ({@code HalLayeringTest}, {@code RealModeLoadsNoSimulationTest}); the flight application does
 * not carry it.
 */
package space.lunarbase.hal.sim;
