package space.lunarbase.fsw.core.telemetry;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import space.lunarbase.fsw.config.LinkSettings;

/**
 * The bounded hand-off between the core (which composes messages on its control threads) and the
 * link (which publishes them). {@link #offer} never blocks a control loop: when the outbox is full
 * the oldest waiting message is dropped and counted.
 */
@Singleton
public final class Outbox {

  private final LinkedBlockingDeque<Outbound> queue;
  private final int capacity;
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public Outbox(LinkSettings settings) {
    this(settings.outboxCapacity());
  }

  Outbox(int capacity) {
    this.capacity = capacity;
    this.queue = new LinkedBlockingDeque<>(capacity);
  }

  /** Queues a message; drops the oldest if full. Never blocks. */
  public void offer(Outbound message) {
    offered.incrementAndGet();
    while (!queue.offerLast(message)) {
      if (queue.pollFirst() != null) {
        dropped.incrementAndGet();
      }
    }
  }

  /** The next message, or null if none arrives within {@code wait}. For the link's thread. */
  public Outbound poll(Duration wait) throws InterruptedException {
    return queue.pollFirst(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Puts a message the link could not publish back at the head, keeping order. */
  public void returnToHead(Outbound message) {
    if (!queue.offerFirst(message)) {
      // full: the returned message is the oldest, so it is the one dropped
      dropped.incrementAndGet();
    }
  }

  public int depth() {
    return queue.size();
  }

  public int capacity() {
    return capacity;
  }

  public long offered() {
    return offered.get();
  }

  /** Messages dropped because the outbox was full. */
  public long dropped() {
    return dropped.get();
  }
}
