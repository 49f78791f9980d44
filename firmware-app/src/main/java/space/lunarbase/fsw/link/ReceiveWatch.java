package space.lunarbase.fsw.link;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Whether the link's receive path is alive: Paho's receive thread reading packets and its callback
 * thread handing messages over. Every message that arrives counts as life; so that one arrives even
 * on a quiet site, the link publishes a probe to a topic of its own every probe period. Connected
 * with nothing received for the receive timeout means the path is dead (a dead or stalled receive
 * thread, a callback stuck in a handler); so does a handler that has not returned for the receive
 * timeout, connected or not (the connection may drop and never come back while the callback thread
 * is held), and an {@link Error} thrown while a message was handed over. A failure is final:
 * commands can no longer arrive, and only a restart mends it.
 *
 * <p>{@link #alive()}, {@link #handling()}, {@link #handled()} and {@link #failed} run on the
 * client's callback thread, everything else on the link's thread.
 */
final class ReceiveWatch {

  private final long probeNanos;
  private final long timeoutNanos;
  private final LongSupplier nanoTime;
  private final AtomicReference<String> failure = new AtomicReference<>();
  private volatile long lastInbound;
  /** When the handler running now was called; 0 when none is. */
  private volatile long handlingSince;
  private volatile boolean connected;
  private long lastProbe;

  ReceiveWatch(Duration probePeriod, Duration timeout, LongSupplier nanoTime) {
    this.probeNanos = probePeriod.toNanos();
    this.timeoutNanos = timeout.toNanos();
    this.nanoTime = nanoTime;
  }

  /** A connection was made: the clock starts now, and a probe is due at once. */
  void connected() {
    long now = nanoTime.getAsLong();
    lastInbound = now;
    lastProbe = now - probeNanos;
    connected = true;
  }

  /** The connection ended: silence is expected until the next one. */
  void disconnected() {
    connected = false;
  }

  /** A message arrived. */
  void alive() {
    lastInbound = nanoTime.getAsLong();
  }

  /** A handler is called now (on the client's callback thread). */
  void handling() {
    long now = nanoTime.getAsLong();
    handlingSince = now == 0 ? 1 : now;
  }

  /** The handler returned. */
  void handled() {
    handlingSince = 0;
  }

  /** Whether a probe should go out now (and, if so, counts it as sent). */
  boolean probeDue() {
    long now = nanoTime.getAsLong();
    if (connected && now - lastProbe >= probeNanos) {
      lastProbe = now;
      return true;
    }
    return false;
  }

  /**
   * Checks the silence while connected; returns the failure's description the first time the path
   * is found dead (by silence or by {@link #failed}), empty otherwise.
   */
  Optional<String> check() {
    long since = handlingSince;
    if (since != 0 && failure.get() == null) {
      long busy = nanoTime.getAsLong() - since;
      if (busy > timeoutNanos) {
        failed("a message handler has not returned for %d ms: the client's callback thread is stuck"
            .formatted(busy / 1_000_000));
      }
    }
    if (connected && failure.get() == null) {
      long idle = nanoTime.getAsLong() - lastInbound;
      if (idle > timeoutNanos) {
        failed("nothing received for %d ms while connected (not even the link's own probe): the client's receive thread is dead or stalled, or a message handler is stuck"
            .formatted(idle / 1_000_000));
      }
    }
    return Optional.ofNullable(failure.get());
  }

  /** The receive path has failed for {@code reason}; the first reason is kept. */
  void failed(String reason) {
    failure.compareAndSet(null, reason);
  }

  /** Why the receive path is dead, or empty while it works. */
  Optional<String> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Milliseconds since the last message arrived; 0 while not connected. */
  long idleMillis() {
    return connected ? Math.max(0, (nanoTime.getAsLong() - lastInbound) / 1_000_000) : 0;
  }
}
