package space.lunarbase.fsw.core.rate;

import java.util.Map;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;

/**
 * Each rate-group thread asks for {@code SCHED_FIFO} ({@link RealTimePriority}) as it starts, and
 * says what it got: a {@code RATE_GROUP_REALTIME} event when granted, a
 * {@code RATE_GROUP_REALTIME_REFUSED} warning with the kernel's reason when not (the group then
 * runs under ordinary time sharing, on time only while the CPU is not saturated).
 */
public final class RealTimeScheduling implements ThreadScheduling {

  private final RealTimePriority priority;
  private final EventLog events;

  public RealTimeScheduling(RealTimePriority priority, EventLog events) {
    this.priority = priority;
    this.events = events;
  }

  @Override
  public String applyTo(String group, int rateRank) {
    RealTimePriority asked = priority.raisedBy(rateRank);
    return switch (asked.applyToCurrentThread()) {
      case RealTimePriority.Granted g -> {
        events.emitUnthrottled(CoreEvents.RATE_GROUP_REALTIME, "rate group %s runs SCHED_FIFO at priority %d (thread %d)"
            .formatted(group, g.priority(), g.tid()),
            Map.of("group", group, "priority", Integer.toString(g.priority()), "tid", Long.toString(g.tid())));
        yield "SCHED_FIFO " + g.priority();
      }
      case RealTimePriority.Refused r -> {
        events.emitUnthrottled(CoreEvents.RATE_GROUP_REALTIME_REFUSED,
            "rate group %s stays SCHED_OTHER: SCHED_FIFO %d refused: %s".formatted(group, asked.priority(), r.reason()),
            Map.of("group", group, "priority", Integer.toString(asked.priority()), "reason", r.reason()));
        yield "SCHED_OTHER (SCHED_FIFO " + asked.priority() + " refused: " + r.reason() + ")";
      }
    };
  }
}
