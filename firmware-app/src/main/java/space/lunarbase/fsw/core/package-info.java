/**
 * The flight core, the framework every subsystem is built on: boot count and headers, the outbox
 * to the link, rate groups on the injected clock, telemetry channels and limits, events, commands
 * and their authentication, parameters, modes, stored sequences, fault protection, health and the
 * watchdog, one package each. {@link CoreLifecycle} starts the rate groups and the watchdog once
 * every start-up bean exists and stops them first at shutdown. Knows nothing of MQTT: it hands
 * messages to the outbox and takes them from inbound handlers.
 */
package space.lunarbase.fsw.core;
