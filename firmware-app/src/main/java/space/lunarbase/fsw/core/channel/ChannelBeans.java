package space.lunarbase.fsw.core.channel;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import java.time.Duration;
import java.util.List;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;

/**
 * The limit monitor in the firmware: every {@link ChannelSet} bean, checked every
 * {@code lunarbase.limits.period} (default 1 s) on the rate group that divides it.
 */
@Factory
final class ChannelBeans {

  @Context
  LimitMonitor limitMonitor(List<ChannelSet> sets, EventLog events, List<LimitListener> listeners,
                            RateGroupDriver rateGroups, @Value("${lunarbase.limits.period:1s}") Duration period) {
    if (period.compareTo(Duration.ofMillis(10)) < 0 || period.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new InvalidConfigException("lunarbase.limits.period", period, "use a duration from 10ms to 1m");
    }
    LimitMonitor monitor = new LimitMonitor(sets, events, listeners);
    rateGroups.every(period, "lunarbase.limits.period", RateGroupTask.of("limit-monitor", monitor::evaluate));
    return monitor;
  }
}
