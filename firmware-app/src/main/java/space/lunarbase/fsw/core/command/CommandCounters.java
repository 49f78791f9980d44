package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import space.lunarbase.proto.v1.CommandAck.Reason;

/** Counts what the command path did; {@link #snapshot()} is for telemetry and health. */
@Singleton
public final class CommandCounters {

  private final CommandIntake intake;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final AtomicLong anonymous = new AtomicLong();
  private final AtomicLong onReserve = new AtomicLong();
  private final Map<Reason, AtomicLong> rejected = new EnumMap<>(Reason.class);

  public CommandCounters(CommandIntake intake) {
    this.intake = intake;
    for (Reason reason : Reason.values()) {
      if (reason != Reason.UNRECOGNIZED && reason != Reason.REASON_NONE) {
        rejected.put(reason, new AtomicLong());
      }
    }
  }

  void accepted(boolean reserve) {
    accepted.incrementAndGet();
    if (reserve) {
      onReserve.incrementAndGet();
    }
  }

  void completed() {
    completed.incrementAndGet();
  }

  void failed() {
    failed.incrementAndGet();
  }

  void rejected(Reason reason, boolean answered, boolean charged) {
    rejected.get(reason).incrementAndGet();
    if (!answered) {
      unanswered.incrementAndGet();
    }
    if (charged) {
      anonymous.incrementAndGet();
    }
  }

  /** Rejections with {@code reason} so far. */
  public long rejected(Reason reason) {
    AtomicLong count = rejected.get(reason);
    return count == null ? 0 : count.get();
  }

  public CommandStats snapshot() {
    Map<String, Long> byReason = new LinkedHashMap<>();
    rejected.forEach((reason, count) -> byReason.put(reason.name(), count.get()));
    return new CommandStats(intake.received(), accepted.get(), completed.get(), failed.get(), byReason,
        intake.dropped(), unanswered.get(), intake.depth(), anonymous.get(), onReserve.get(), intake.expedited());
  }
}
