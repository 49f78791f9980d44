package space.lunarbase.fsw.core.telemetry;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import space.lunarbase.fsw.config.LinkSettings;

/**
 * The bounded hand-off between the core (which composes messages on its control threads) and the
 * link (which publishes them). {@link #offer} never blocks a control loop: when the outbox is full
 * the oldest waiting message is dropped and counted. The link waits in {@link #poll} for the next
 * message or for {@link #wake}, whichever comes first, so it idles without polling.
 */
@Singleton
public final class Outbox {

  private final ArrayDeque<Outbound> queue;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  /** Guarded by {@link #lock}: a {@link #wake} not yet seen by a {@link #poll}. */
  private boolean woken;

  public Outbox(LinkSettings settings) {
    this(settings.outboxCapacity());
  }

  Outbox(int capacity) {
    this.capacity = capacity;
    this.queue = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /** Queues a message; drops the oldest if full. Never blocks. */
  public void offer(Outbound message) {
    offered.incrementAndGet();
    lock.lock();
    try {
      if (queue.size() >= capacity) {
        queue.pollFirst();
        dropped.incrementAndGet();
      }
      queue.addLast(message);
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next message; null if none arrives within {@code wait}, or at once after a {@link #wake}
   * (since the last poll). For the link's thread.
   */
  public Outbound poll(Duration wait) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long nanos = wait.toNanos();
      while (queue.isEmpty() && !woken && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      woken = false;
      return queue.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the link's current or next {@link #poll} early: something other than a message needs it. */
  public void wake() {
    lock.lock();
    try {
      woken = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Puts a message the link could not publish back at the head, keeping order. */
  public void returnToHead(Outbound message) {
    lock.lock();
    try {
      if (queue.size() >= capacity) {
        // full: the returned message is the oldest, so it is the one dropped
        dropped.incrementAndGet();
        return;
      }
      queue.addFirst(message);
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  public int depth() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
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
