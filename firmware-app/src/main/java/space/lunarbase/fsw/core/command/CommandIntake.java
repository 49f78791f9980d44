package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * A payload larger than {@link #MAX_PAYLOAD} is not kept: it is queued empty, marked OVERSIZED,
 * and rejected MALFORMED.
 */
@Singleton
public final class CommandIntake implements InboundHandler {

  /** The stream commands arrive on. */
  public static final String STREAM = "cmd";
  /** The largest SignedCommand taken, bytes. */
  public static final int MAX_PAYLOAD = 16 * 1024;

  /** How a message was let in. */
  public enum Admission { NORMAL, BUSY, OVERSIZED }

  /** One received message. */
  public record Inbound(byte[] payload, Admission admission) {}

  private static final Inbound OVERSIZED = new Inbound(new byte[0], Admission.OVERSIZED);

  private final int capacity;
  private final ArrayBlockingQueue<Inbound> queue;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong garbage = new AtomicLong();

  public CommandIntake(CommandSettings settings) {
    this(settings.queueCapacity());
  }

  CommandIntake(int capacity) {
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(2 * capacity);
  }

  @Override
  public String stream() {
    return STREAM;
  }

  /** Queues (the payload is the intake's from now on: not copied); never blocks, never throws. */
  @Override
  public void accept(byte[] payload) {
    received.incrementAndGet();
    Inbound inbound;
    if (payload == null || payload.length > MAX_PAYLOAD) {
      inbound = OVERSIZED;
    } else {
      inbound = new Inbound(payload, queue.size() < capacity ? Admission.NORMAL : Admission.BUSY);
    }
    if (!queue.offer(inbound)) {
      dropped.incrementAndGet();
    }
  }

  /** The next message, or null after {@code wait}. For the dispatcher's thread. */
  Inbound poll(Duration wait) throws InterruptedException {
    return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
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

  /** Messages waiting now. */
  public int depth() {
    return queue.size();
  }

  public int capacity() {
    return capacity;
  }
}
