package space.lunarbase.fsw.core.time;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import space.lunarbase.fsw.core.event.EventLog;

/**
 * The clock's synchronisation as last asked of its {@link ClockSync}: read by the command checks
 * (time-critical commands), {@code tlm/core} and {@code /health}, without asking again. Asked once
 * at construction and then by {@link #poll} ({@link ClockSyncTask}, on a slow rate group).
 * CLOCK_SYNC_LOST when it is found not synchronised (also at start), CLOCK_SYNC_REGAINED when it is
 * synchronised again. Thread-safe: polled on one thread, read on any.
 */
@Singleton
public final class ClockSyncMonitor {

  /** The last answer and when it was asked (the controller's clock). */
  public record Reading(ClockSync.Status status, Instant checkedAt) {

    public Reading {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(checkedAt, "checkedAt");
    }

    public boolean synchronised() {
      return status.synchronised();
    }
  }

  private final ClockSync source;
  private final EventLog events;
  private final InstantSource clock;
  private volatile Reading current;

  public ClockSyncMonitor(ClockSync source, EventLog events, InstantSource clock) {
    this.source = source;
    this.events = events;
    this.clock = clock;
    ClockSync.Status first = ask();
    this.current = new Reading(first, clock.instant());
    if (!first.synchronised()) {
      events.emitUnthrottled(TimeEvents.CLOCK_SYNC_LOST, "clock not synchronised at start: " + first.describe()
          + "; time-critical commands are refused", args(first));
    }
  }

  /** The last answer. */
  public Reading current() {
    return current;
  }

  /** Asks the source now, keeps the answer, raises an event if it changed; returns it. */
  public synchronized Reading poll() {
    ClockSync.Status now = ask();
    Reading before = current;
    Reading next = new Reading(now, clock.instant());
    current = next;
    if (before.synchronised() && !now.synchronised()) {
      events.emitUnthrottled(TimeEvents.CLOCK_SYNC_LOST, "clock synchronisation lost: " + now.describe()
          + "; time-critical commands are refused", args(now));
    } else if (!before.synchronised() && now.synchronised()) {
      events.emitUnthrottled(TimeEvents.CLOCK_SYNC_REGAINED, "clock synchronised again: " + now.describe(),
          args(now));
    }
    return next;
  }

  private ClockSync.Status ask() {
    try {
      return source.check();
    } catch (RuntimeException e) {
      return ClockSync.Status.notSynchronised("none", "the source failed: " + e);
    }
  }

  private static Map<String, String> args(ClockSync.Status status) {
    return Map.of("source", status.source(), "detail", status.detail());
  }
}
