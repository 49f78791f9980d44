/**
 * The controller firmware, a Micronaut application: {@link Application} starts the context and
 * turns a failed start into one line on stderr and exit code 2 ({@link StartFailure}). Below it:
 * {@code config} (settings and the hardware wiring of each {@code hal.mode}), {@code core} (the
 * flight core: time, rate groups, telemetry, events, commands, modes, fault protection),
 * {@code app} (one package per hardware family) and {@code link} (MQTT, the outer shell).
 * {@code core} and {@code app} never depend on {@code link} or Paho
 * ({@code FirmwareLayeringTest}).
 */
package space.lunarbase.fsw;
