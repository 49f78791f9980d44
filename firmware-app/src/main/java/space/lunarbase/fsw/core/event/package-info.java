/**
 * Events: {@link EventLog} logs each one and sends it on {@code evt} (QoS 1, journaled while the
 * broker is away), throttled per id; each subsystem declares its kinds in one {@link EventSet}
 * bean, and the {@link EventCatalogue} refuses at start two kinds with the same id or name. The
 * core's own are {@link CoreEvents}.
 */
package space.lunarbase.fsw.core.event;
