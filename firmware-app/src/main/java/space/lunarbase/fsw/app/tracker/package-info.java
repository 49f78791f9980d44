/**
 * Sun tracking: {@link TrackerController} runs one cycle per control period: ephemeris
 * feed-forward, the sun sensor's learned correction ({@link SunCorrection}), cable-wrap
 * bookkeeping across restarts ({@link CableWrap}, {@link CableWrapKeeper}, {@link WrapStore}),
 * unwind, stow and the tracker's faults. Declared in one class each: {@link TrackerCommands},
 * {@link TrackerChannels}, {@link TrackerParameters}, {@link TrackerEvents}; frames on
 * {@code tlm/tracker} ({@link TrackerFrames}), registered on the rate groups by
 * {@link TrackerTasks}.
 */
package space.lunarbase.fsw.app.tracker;
