/**
 * The hardware abstraction layer: subsystem interfaces ({@code bank}), register-level drivers
 * over Pi4J ({@code device.<chip>}), boards built from wiring ({@code board}) and simulation
 * ({@code sim}). Knows nothing of MQTT, protobuf or Micronaut. Time is always injected.
 */
package space.lunarbase.hal;
