/**
 * Whether the controller's clock is synchronised: {@link ClockSync} asks a time source
 * ({@link SystemClockSync} on a board), {@link ClockSyncTask} polls it from a rate group,
 * {@link ClockSyncMonitor} keeps the answer for the time-critical command checks, {@code tlm/core}
 * and {@code /health} ({@link ClockSyncHealthIndicator}); {@link TimeEvents} says when it changes.
 */
package space.lunarbase.fsw.core.time;
