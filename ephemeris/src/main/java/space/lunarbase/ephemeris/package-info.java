/**
 * Where the Sun is: {@link SunEphemeris} gives its azimuth and elevation at any UTC instant from
 * 1950 to 2150 for a {@link LunarSite} (selenographic, mean Earth frame, IAU rotation model) or an
 * {@link EarthSite} (WGS84, for test rigs), after Meeus's <i>Astronomical Algorithms</i>; the time
 * scales ({@link TimeScale}), the Sun's and the Moon's geocentric positions and the frame
 * rotations behind it. Pure Java with no dependencies, immutable and thread-safe: cheap enough to
 * call every control cycle.
 */
package space.lunarbase.ephemeris;
