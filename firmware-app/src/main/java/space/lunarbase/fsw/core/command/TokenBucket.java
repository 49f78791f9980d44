package space.lunarbase.fsw.core.command;

import java.time.Duration;
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
  private Instant last;
  private boolean denying;

  TokenBucket(int burst, double perSecond, InstantSource clock) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.instant();
  }

  Take take() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double seconds = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + seconds * perSecond);
      last = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      denying = false;
      return Take.GRANTED;
    }
    if (denying) {
      return Take.DENIED;
    }
    denying = true;
    return Take.DENIED_FIRST;
  }
}
