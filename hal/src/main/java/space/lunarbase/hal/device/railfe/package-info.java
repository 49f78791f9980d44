/**
 * Driver for the lunarbase rail front-end (LBRF), the SPI timestamping board of the launch rail:
 * {@link space.lunarbase.hal.device.railfe.RailFrontEnd}, its frame format
 * ({@link space.lunarbase.hal.device.railfe.RailFrontEndProtocol}) and its event records
 * ({@link space.lunarbase.hal.device.railfe.RailEvent}). Spec: {@code hal/docs/rail-frontend-spec.md}.
 */
package space.lunarbase.hal.device.railfe;
