/**
 * Configuration and hardware wiring: immutable, validated settings records bound from
 * {@code application.yml} ({@code lunarbase.*}, {@code hal.*}), each failing the start with one
 * {@link InvalidConfigException} line that names the key; and the two hardware factories chosen by
 * {@code hal.mode}: {@link RealHardware} (Pi4J's Linux providers, the system clock) and
 * {@link SimulatedHardware} (a simulated board and the simulation clock).
 * {@code SimulatedHardware} is the only class outside {@code config.simcontrol} that touches the
 * hal's simulation.
 */
package space.lunarbase.fsw.config;
