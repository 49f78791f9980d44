/**
 * Rate groups (F Prime's RateGroupDriver and active rate groups): each configured group is a
 * thread of its own ({@link RateGroup}) that runs its {@link RateGroupTask}s once per period of
 * the injected clock, on a grid of whole periods, measuring lateness, execution time and overruns
 * ({@link CycleStats}). The timeline is a {@link Tick}: {@link ClockTick} over the system or
 * simulation clock, {@link ManualTick} for tests. {@link RateGroupDriver} registers tasks at
 * start-up and starts the groups; {@link RealTimeScheduling} optionally puts their threads under
 * {@code SCHED_FIFO}; {@link CoreTelemetryTask} sends their statistics on {@code tlm/core}.
 */
package space.lunarbase.fsw.core.rate;
