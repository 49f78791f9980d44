package space.lunarbase.fsw.core.rate;

import java.util.Map;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;

/**
 * Turns overruns into {@code RATE_GROUP_OVERRUN} events (WARNING_LO; throttled by the event log).
 * Overruns in a group's first second (at least its first 10 cycles) are counted in telemetry but
 * raise no event: class loading and JIT compilation make the first cycles slow on every start.
 */
public final class OverrunEvents implements OverrunListener {


  private final EventLog events;

  public OverrunEvents(EventLog events) {
    this.events = events;
  }

  /** Cycles of warm-up for a group of this period: one second's worth, at least 10. */
  static long warmUpCycles(long periodNanos) {
    return Math.max(10, 1_000_000_000L / periodNanos);
  }

  @Override
  public void overrun(Overrun o) {
    if (o.cycle() <= warmUpCycles(o.periodNanos())) {
      return;
    }
    events.emit(CoreEvents.RATE_GROUP_OVERRUN, "rate group %s overran: cycle started %d us late and took %d us of a %d us period; %d deadline(s) skipped"
            .formatted(o.group(), o.latenessNanos() / 1000, o.execNanos() / 1000, o.periodNanos() / 1000, o.skipped()),
        Map.of("group", o.group(), "lateness_us", Long.toString(o.latenessNanos() / 1000),
            "exec_us", Long.toString(o.execNanos() / 1000), "period_us", Long.toString(o.periodNanos() / 1000),
            "skipped", Long.toString(o.skipped())));
  }
}
