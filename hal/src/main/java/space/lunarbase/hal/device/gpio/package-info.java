/**
 * Plain GPIO parts: {@link Switch}, a mechanical switch (limit, end stop) on a digital input,
 * debounced by counting equal samples, never by sleeping; a contact that keeps bouncing reads as
 * unstable (treated as closed).
 */
package space.lunarbase.hal.device.gpio;
