/**
 * The capacitor bank subsystem: {@link CapacitorBank} (the pack, through an INA226:
 * {@link MonitoredBank}) and {@link CellBank} (per-cell voltages, temperatures, the main and
 * discharge contactors with feedback, balancing bleed switches, the charger's setpoint),
 * implemented over the drivers by {@link CellStringBank}. Readings carry time and quality and
 * never throw for a hardware fault; commands throw {@link space.lunarbase.hal.DeviceException}.
 */
package space.lunarbase.hal.bank;
