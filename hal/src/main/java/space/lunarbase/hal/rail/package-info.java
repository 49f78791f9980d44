/**
 * The launch rail subsystem: {@link space.lunarbase.hal.rail.LaunchRail} (what the firmware
 * sees) and {@link space.lunarbase.hal.rail.FrontEndRail} (over the LBRF front-end driver and
 * Pi4J discretes). Readings carry time and quality; hardware faults never throw.
 */
package space.lunarbase.hal.rail;
