package space.lunarbase.fsw.core.boot;

import java.time.Instant;

/**
 * This start of the firmware: its boot count, when it started and the firmware's version.
 *
 * @param bootCount persisted, incremented at every start
 * @param startTime when this start began, from the injected clock
 * @param firmwareVersion the build's version
 */
public record BootInfo(long bootCount, Instant startTime, String firmwareVersion) {}
