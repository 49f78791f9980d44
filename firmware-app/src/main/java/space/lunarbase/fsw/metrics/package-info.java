/**
 * Micrometer meters for {@code /prometheus}: the link ({@link LinkMeters}), the command path
 * ({@link CommandMeters}) and the rate groups ({@link RateGroupMeters}), each read from the
 * counters the firmware keeps anyway at every scrape.
 */
package space.lunarbase.fsw.metrics;
