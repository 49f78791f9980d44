package space.lunarbase.fsw.core.rate;

import java.util.List;

/**
 * A snapshot of one rate group's statistics. Durations are nanoseconds on the group's clock
 * (percentiles at 2 significant digits, maxima exact); percentiles cover the last one to two windows.
 *
 * @param name the group's name
 * @param rateHz its rate
 * @param cycles cycles run since start
 * @param overruns cycles that finished after the next deadline
 * @param skipped deadlines skipped after overruns
 * @param clockSteps times the clock went back and the schedule was re-anchored
 * @param windowCycles how many cycles the percentiles cover
 * @param latenessP50 median lateness (actual start minus scheduled start)
 * @param latenessP99 99th percentile lateness
 * @param latenessP999 99.9th percentile lateness
 * @param latenessMax largest lateness in the window
 * @param execP50 median cycle execution time
 * @param execP99 99th percentile cycle execution time
 * @param execMax longest cycle in the window
 * @param tasks the group's tasks, in registration order
 */
public record RateGroupStatus(String name, double rateHz, long cycles, long overruns, long skipped, long clockSteps,
                              long windowCycles, long latenessP50, long latenessP99, long latenessP999,
                              long latenessMax, long execP50, long execP99, long execMax, List<TaskStatus> tasks) {}
