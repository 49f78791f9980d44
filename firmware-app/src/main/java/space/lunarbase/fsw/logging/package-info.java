/**
 * The firmware's logging set up in code ({@link FirmwareLogging}), found by logback through its
 * {@code Configurator} service: no XML parsed at start.
 */
package space.lunarbase.fsw.logging;
