/**
 * The solar-array tracker subsystem: the narrow {@link space.lunarbase.hal.tracker.SolarTracker}
 * interface the firmware drives (two axes, bounded moves, readings with time and quality), its
 * implementation over stepper drivers, AS5600 encoders, an ADS1115 sun sensor and limit switches
 * ({@link space.lunarbase.hal.tracker.StepperTracker}), and its wiring
 * ({@link space.lunarbase.hal.tracker.TrackerWiring}).
 */
package space.lunarbase.hal.tracker;
