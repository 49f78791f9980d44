package space.lunarbase.fsw.core.rate;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.RateGroupSettings;
import space.lunarbase.fsw.config.SchedulingSettings;
import space.lunarbase.fsw.core.event.EventLog;

/**
 * The rate groups in the firmware: one {@link RateGroupDriver} on the injected {@link Tick}
 * (chosen with the hardware mode), started once the context has created every start-up bean (so
 * every task is registered), stopped at shutdown before any other bean is destroyed. Overruns
 * become {@code RATE_GROUP_OVERRUN} events ({@link OverrunEvents}); with
 * {@code lunarbase.scheduling.realtime-priority} set, each group's thread asks for
 * {@code SCHED_FIFO} ({@link RealTimeScheduling}).
 */
@Factory
final class RateGroupBeans {

  @Singleton
  @Bean(preDestroy = "close")
  RateGroupDriver driver(RateGroupSettings settings, SchedulingSettings scheduling, HalSettings hal, Tick tick,
                         EventLog events) {
    // hal first: its Tick comes from the hal mode's hardware factory, so a bad hal.mode must be
    // reported as such rather than as a missing Tick
    ThreadScheduling threads = scheduling.realTime()
        .<ThreadScheduling>map(priority -> new RealTimeScheduling(priority, events)).orElse(ThreadScheduling.ORDINARY);
    return new RateGroupDriver(settings.groups(), tick, new OverrunEvents(events), threads);
  }
}
