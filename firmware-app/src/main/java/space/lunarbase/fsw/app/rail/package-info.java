/**
 * Launch-rail sequencing: {@link RailSequencer}, the SAFE, ARMING, ARMED, FIRE, ANALYZE state
 * machine behind {@link Interlocks}; shot planning from payload mass and exit speed
 * ({@link ShotPlanner}); shot analysis from the front-end's gate timestamps
 * ({@link ShotAnalyzer}); and the rail's frames on {@code tlm/rail} and {@code tlm/shot}
 * ({@link RailFrames}). Declared in one class each: {@link RailCommands}, {@link RailParameters},
 * {@link RailEvents}. The front-end fires the coils; the firmware never times one.
 */
package space.lunarbase.fsw.app.rail;
