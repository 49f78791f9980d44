/**
 * Our own Pi4J SPI provider ({@link space.lunarbase.hal.sim.spi.SimSpiProvider}): handles whose
 * transactions reach simulated devices ({@link space.lunarbase.hal.sim.spi.SimSpiDevice}) by bus
 * and chip select, with injectable wire faults. Simulation only: never loaded in real mode.
 */
package space.lunarbase.hal.sim.spi;
