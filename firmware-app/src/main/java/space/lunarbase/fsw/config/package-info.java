/**
 * Configuration and the real hardware's wiring: immutable, validated settings records bound from
 * {@code application.yml} ({@code lunarbase.*}, {@code hal.*}: {@link HalSettings} reads the hal
 * mode and board once), each failing the start with one {@link InvalidConfigException} line that
 * names the key; the {@code hal.mode=real} factory {@link RealHardware} (Pi4J's Linux providers,
 * the system clock); {@link SimControlGuard}, which refuses the simulation control channel on real
 * hardware; and {@link Simulator}, whether this build carries the simulator at all. The simulated
 * wiring is in {@code space.lunarbase.fsw.sim}; nothing here refers to it.
 */
package space.lunarbase.fsw.config;
