/**
 * Simulation: plant models ({@link space.lunarbase.hal.sim.CapacitorStringPlant}), simulated
 * chips ({@link space.lunarbase.hal.sim.SimIna226}) behind our own Pi4J provider
 * ({@link space.lunarbase.hal.sim.SimI2CProvider}), injected time
 * ({@link space.lunarbase.hal.sim.SimClock}) and whole simulated boards. Simulation replaces the
 * bus, never the driver. Nothing outside this package refers to it, so real mode never loads it.
 */
package space.lunarbase.hal.sim;
