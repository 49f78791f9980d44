package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import space.lunarbase.fsw.config.CommandSettings;

/**
 * The bounded queue between the MQTT thread ({@link CommandInlet}) and the
 * {@link CommandDispatcher}'s thread. Nothing is parsed or copied here.
 *
 * <p>It holds {@code queue-capacity} commands to verify, and as many again that arrive while it is
 * full: those are marked {@link Admission#BUSY} and answered REJECTED/BUSY by the dispatcher (so a
 * client learns to resend instead of waiting out its timeout), unless they prove to be safing
 * commands. Beyond both, a message is dropped and counted ({@link #dropped()}); the dispatcher
 * raises COMMAND_QUEUE_FULL. The link drops a payload larger than {@link #MAX_PAYLOAD} before it
 * gets here ({@link CommandInlet#maxPayload()}); should one arrive all the same, it is not kept: it
 * is queued empty, marked OVERSIZED, and rejected MALFORMED.
 *
 * <p>Ahead of all that, a lane of its own ({@link #acceptAhead}, up to {@code queue-capacity},
 * first in first out) holds safing commands the inlet has already verified: they are taken before
 * anything else, so a queue full of slow commands neither refuses nor delays them beyond the
 * command running now. Then the controller's own {@link Delegated} commands (entries of stored
 * sequences), at the head of the queue, so a time-tagged entry does not wait behind a burst from
 * the ground: they are bounded by their sources (one in flight per sequence slot), not by the
 * capacity, and never count as received.
 */
@Singleton
public final class CommandIntake {

  /** The largest SignedCommand taken, bytes. */
  public static final int MAX_PAYLOAD = 16 * 1024;

  /** How a message was let in. */
  public enum Admission {
    NORMAL,
    /** The queue was full: answered BUSY unless it is a safing command. */
    BUSY,
    OVERSIZED,
    /** A safing command verified on arrival, taken ahead of the queue. */
    AHEAD
  }

  /** What the dispatcher takes from the queue: a received message or a delegated command. */
  public sealed interface Work permits Inbound, Delegated {}

  /** One received message. */
  public record Inbound(byte[] payload, Admission admission) implements Work {}

  private static final Inbound OVERSIZED = new Inbound(new byte[0], Admission.OVERSIZED);

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition filled = lock.newCondition();
  private final ArrayDeque<Inbound> lane = new ArrayDeque<>();
  private final ArrayDeque<Work> queue = new ArrayDeque<>();
  /** Received messages in the queue (delegated ones are not counted, nor the lane). */
  private final AtomicInteger waiting = new AtomicInteger();
  /** Messages in the lane. */
  private final AtomicInteger ahead = new AtomicInteger();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong expedited = new AtomicLong();
  private final AtomicLong garbage = new AtomicLong();

  public CommandIntake(CommandSettings settings) {
    this(settings.queueCapacity());
  }

  CommandIntake(int capacity) {
    this.capacity = capacity;
  }

  /** Queues a received message (the payload is the intake's from now on: not copied); never blocks long, never throws. */
  public void accept(byte[] payload) {
    received.incrementAndGet();
    int before;
    do {
      before = waiting.get();
      if (before >= 2 * capacity) {
        dropped.incrementAndGet();
        return;
      }
    } while (!waiting.compareAndSet(before, before + 1));
    Inbound inbound;
    if (payload == null || payload.length > MAX_PAYLOAD) {
      inbound = OVERSIZED;
    } else {
      inbound = new Inbound(payload, before < capacity ? Admission.NORMAL : Admission.BUSY);
    }
    put(inbound, false);
  }

  /**
   * Queues a received safing command, already verified, in the lane ahead of the queue; false (and
   * nothing queued or counted) when the lane is full.
   */
  public boolean acceptAhead(byte[] payload) {
    int before;
    do {
      before = ahead.get();
      if (before >= capacity) {
        return false;
      }
    } while (!ahead.compareAndSet(before, before + 1));
    received.incrementAndGet();
    expedited.incrementAndGet();
    lock.lock();
    try {
      lane.addLast(new Inbound(payload, Admission.AHEAD));
      filled.signal();
    } finally {
      lock.unlock();
    }
    return true;
  }

  /** Queues a command of the controller's own ahead of received ones; never blocks. */
  public void submit(Delegated command) {
    put(command, true);
  }

  private void put(Work work, boolean first) {
    lock.lock();
    try {
      if (first) {
        queue.addFirst(work);
      } else {
        queue.addLast(work);
      }
      filled.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The next work (the lane first), or null after {@code wait}. For the dispatcher's thread. */
  Work poll(Duration wait) throws InterruptedException {
    Work next;
    lock.lockInterruptibly();
    try {
      long nanos = wait.toNanos();
      while (lane.isEmpty() && queue.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = filled.awaitNanos(nanos);
      }
      next = lane.isEmpty() ? queue.pollFirst() : lane.pollFirst();
    } finally {
      lock.unlock();
    }
    if (next instanceof Inbound inbound) {
      (inbound.admission() == Admission.AHEAD ? ahead : waiting).decrementAndGet();
    }
    return next;
  }

  /** Counts a message the dispatcher found undecodable (reported with the link's garbage). */
  void countGarbage() {
    garbage.incrementAndGet();
  }

  /** Messages found undecodable so far. */
  public long garbage() {
    return garbage.get();
  }

  /** Messages received on {@code cmd}, dropped ones included. */
  public long received() {
    return received.get();
  }

  /** Messages dropped because the queue and its BUSY overflow were full. */
  public long dropped() {
    return dropped.get();
  }

  /** Safing commands verified on arrival and taken ahead of the queue. */
  public long expedited() {
    return expedited.get();
  }

  /** Received messages waiting now (the lane included). */
  public int depth() {
    return waiting.get() + ahead.get();
  }

  public int capacity() {
    return capacity;
  }
}
