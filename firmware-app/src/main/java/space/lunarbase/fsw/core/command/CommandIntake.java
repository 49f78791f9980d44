package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.core.inbound.InboundHandler;

/**
 * Receives {@code cmd} messages on the MQTT thread and only queues them (bounded) for the
 * {@link CommandDispatcher}'s thread. Nothing is parsed or copied here.
 *
 * <p>The queue holds {@code queue-capacity} commands to verify, and as many again that arrive
 * while it is full: those are marked {@link Admission#BUSY} and answered REJECTED/BUSY by the
 * dispatcher (so a client learns to resend instead of waiting out its timeout). Beyond both, a
 * message is dropped and counted ({@link #dropped()}); the dispatcher raises COMMAND_QUEUE_FULL.
 * The link drops a payload larger than {@link #MAX_PAYLOAD} before it gets here ({@link #maxPayload()});
 * should one arrive all the same, it is not kept: it is queued empty, marked OVERSIZED, and
 * rejected MALFORMED.
 *
 * <p>The controller's own {@link Delegated} commands (entries of stored sequences) go to the head
 * of the same queue, ahead of received ones, so a time-tagged entry does not wait behind a burst
 * from the ground. They are bounded by their sources (one in flight per sequence slot), not by
 * the capacity, and never count as received.
 */
@Singleton
public final class CommandIntake implements InboundHandler {

  /** The stream commands arrive on. */
  public static final String STREAM = "cmd";
  /** The largest SignedCommand taken, bytes. */
  public static final int MAX_PAYLOAD = 16 * 1024;

  /** How a message was let in. */
  public enum Admission { NORMAL, BUSY, OVERSIZED }

  /** What the dispatcher takes from the queue: a received message or a delegated command. */
  public sealed interface Work permits Inbound, Delegated {}

  /** One received message. */
  public record Inbound(byte[] payload, Admission admission) implements Work {}

  private static final Inbound OVERSIZED = new Inbound(new byte[0], Admission.OVERSIZED);

  private final int capacity;
  private final LinkedBlockingDeque<Work> queue = new LinkedBlockingDeque<>();
  /** Received messages in the queue (delegated ones are not counted). */
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong garbage = new AtomicLong();

  public CommandIntake(CommandSettings settings) {
    this(settings.queueCapacity());
  }

  CommandIntake(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public String stream() {
    return STREAM;
  }

  @Override
  public int maxPayload() {
    return MAX_PAYLOAD;
  }

  /** Queues (the payload is the intake's from now on: not copied); never blocks, never throws. */
  @Override
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
    queue.offerLast(inbound);
  }

  /** Queues a command of the controller's own ahead of received ones; never blocks. */
  public void submit(Delegated command) {
    queue.offerFirst(command);
  }

  /** The next work, or null after {@code wait}. For the dispatcher's thread. */
  Work poll(Duration wait) throws InterruptedException {
    Work next = queue.pollFirst(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (next instanceof Inbound) {
      waiting.decrementAndGet();
    }
    return next;
  }

  /** Counts a message the dispatcher found undecodable (reported with the link's garbage). */
  void countGarbage() {
    garbage.incrementAndGet();
  }

  @Override
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

  /** Received messages waiting now. */
  public int depth() {
    return waiting.get();
  }

  public int capacity() {
    return capacity;
  }
}
