/**
 * The hardware abstraction layer: subsystem interfaces and their implementations over drivers
 * ({@code bank}, {@code tracker}, {@code rail}), register-level drivers over Pi4J
 * ({@code device.<chip>}), boards built from wiring ({@code board}) and simulation ({@code sim}).
 * Here: {@link DeviceException}, the one error type of every driver, and {@link Quality}, which
 * travels with every reading. Knows nothing of MQTT, protobuf or Micronaut, and only {@code sim}
 * uses {@code sim} ({@code HalLayeringTest}). Time is always injected.
 */
package space.lunarbase.hal;
