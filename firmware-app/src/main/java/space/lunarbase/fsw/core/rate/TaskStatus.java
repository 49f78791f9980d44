package space.lunarbase.fsw.core.rate;

/**
 * One task of a rate group, as last seen.
 *
 * @param name the task's name
 * @param everyCycles the task runs every this many cycles of its group
 * @param runs runs since start
 * @param failures runs that threw
 * @param execMaxNanos the longest run in the statistics window
 */
public record TaskStatus(String name, int everyCycles, long runs, long failures, long execMaxNanos) {}
