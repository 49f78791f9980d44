/**
 * The subsystems in {@code /health}: one {@link SubsystemHealth} report each (mode and why,
 * channels, worst limit level, red conditions) with a status for two readers: DOWN (HTTP 503) for
 * the service manager, which restarts the process, and ALARM, SAFED, WARN or UP for operators.
 */
package space.lunarbase.fsw.core.health;
