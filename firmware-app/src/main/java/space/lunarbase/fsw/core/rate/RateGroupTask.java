package space.lunarbase.fsw.core.rate;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Work a subsystem registers into a rate group at start-up. {@link #run} is called on the group's
 * thread with the cycle's scheduled time on the injected clock; it should return well within the
 * group's period, must not block on I/O it does not bound, and hands slow work (publishing) to a
 * queue. A run that throws is counted and logged; the group goes on.
 */
public interface RateGroupTask {

  /** A short stable name for statistics and logs, e.g. {@code bank-frames}. */
  String name();

  /** One run, for the cycle scheduled at {@code cycleTime}. */
  void run(Instant cycleTime);

  /** A task of {@code name} that calls {@code body}. */
  static RateGroupTask of(String name, Consumer<Instant> body) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    return new RateGroupTask() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(Instant cycleTime) {
        body.accept(cycleTime);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
