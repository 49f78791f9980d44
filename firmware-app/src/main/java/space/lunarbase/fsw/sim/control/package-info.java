/**
 * The simulation control channel a rig uses: {@code /sim} on the firmware's loopback HTTP server,
 * with fault injection into the simulated chips and plants ({@link SimFaults}, every fault
 * declared there), the simulation clock, and the plants' true state ({@link PlantTruth}). Exists
 * only with {@code hal.mode=sim} and {@code lunarbase.sim-control.enabled=true} on a loopback
 * address ({@code config.SimControlGuard}); in real mode none of its beans exist.
 */
package space.lunarbase.fsw.sim.control;
