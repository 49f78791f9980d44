package space.lunarbase.fsw.core.command;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A token bucket on the injected clock: {@code burst} tokens, refilled at {@code perSecond}. Not
 * thread-safe: the dispatcher's thread owns it.
 */
final class TokenBucket {

  /** The outcome of a {@link #take}. */
  enum Take {
    GRANTED,
    /** The first refusal since the last grant: worth telling the sender. */
    DENIED_FIRST,
    /** Refused again: stay quiet, so a flood costs no downlink. */
    DENIED
  }

  private final int burst;
  private final double perSecond;
  private final InstantSource clock;
  private double tokens;
  private long last;
  private boolean denying;

  TokenBucket(int burst, double perSecond, InstantSource clock) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.clock = clock;
    this.tokens = burst;
    this.last = nanos(clock.instant());
  }

  /** Takes a token if there is one; allocates nothing beyond the clock's reading. */
  Take take() {
    if (tryTake()) {
      return Take.GRANTED;
    }
    if (denying) {
      return Take.DENIED;
    }
    denying = true;
    return Take.DENIED_FIRST;
  }

  /**
   * Takes a token if there is one, without counting a refusal (the next {@link #take} that finds
   * none is still {@link Take#DENIED_FIRST}).
   */
  boolean tryTake() {
    long now = nanos(clock.instant());
    if (now > last) {
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
      last = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      denying = false;
      return true;
    }
    return false;
  }

  /** Ends a run of refusals without a grant (the next refusal is answered again). */
  void endRun() {
    denying = false;
  }

  private static long nanos(Instant time) {
    return time.getEpochSecond() * 1_000_000_000L + time.getNano();
  }
}
