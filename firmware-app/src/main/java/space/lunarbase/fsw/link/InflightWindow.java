package space.lunarbase.fsw.link;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The link's QoS 1 messages sent and not yet acknowledged, in send order, bounded by its own
 * {@code max-inflight} and by what the broker takes (its receive maximum, less a few slots kept
 * for the birth, schema and dictionary). The port's callbacks only queue outcomes
 * ({@link #delivered}, {@link #notDelivered}); the link thread, which owns the window, applies
 * them in {@link #settle}. {@link #count()} may be read from any thread.
 */
final class InflightWindow {

  /** Broker in-flight slots kept for the birth, schema and dictionary beside the link's window. */
  static final int RESERVED = 4;

  private final int maxInflight;
  private final IntSupplier brokerReceiveMaximum;
  /** Owned by the link thread. */
  private final Map<Pending, Boolean> inflight = new LinkedHashMap<>();
  private final ConcurrentLinkedQueue<Pending> completed = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Pending> failed = new ConcurrentLinkedQueue<>();
  private volatile int count;

  InflightWindow(int maxInflight, IntSupplier brokerReceiveMaximum) {
    this.maxInflight = maxInflight;
    this.brokerReceiveMaximum = brokerReceiveMaximum;
  }

  /** How many messages may be in flight now: the link's own limit, within what the broker takes. */
  int limit() {
    return Math.max(1, Math.min(maxInflight, brokerReceiveMaximum.getAsInt() - RESERVED));
  }

  /** Whether no more may be sent until acknowledgements come. */
  boolean full() {
    return inflight.size() >= limit();
  }

  /** Whether it is at least half full: replay from the journal waits behind the live messages then. */
  boolean halfFull() {
    return inflight.size() >= limit() / 2;
  }

  boolean isEmpty() {
    return inflight.isEmpty();
  }

  /** Messages in flight as last seen by the link thread; safe from any thread. */
  int count() {
    return count;
  }

  /** {@code pending} is being handed to the port. */
  void add(Pending pending) {
    inflight.put(pending, Boolean.TRUE);
    count = inflight.size();
  }

  /** The port did not take {@code pending} after all. */
  void remove(Pending pending) {
    inflight.remove(pending);
    count = inflight.size();
  }

  /** The broker acknowledged {@code pending}: from the port's callback thread. */
  void delivered(Pending pending) {
    completed.add(pending);
  }

  /** The client gave up on {@code pending}: from the port's callback thread. */
  void notDelivered(Pending pending) {
    failed.add(pending);
  }

  /**
   * Applies the outcomes queued since the last call, on the link thread: each acknowledged message
   * still in the window goes to {@code acknowledged}; the failed ones leave the window and go to
   * {@code requeue} in send order (failures are reported in no particular order).
   */
  void settle(Consumer<Pending> acknowledged, Consumer<Pending> requeue) {
    applyAcknowledgements(acknowledged);
    if (!failed.isEmpty()) {
      Set<Pending> failures = new HashSet<>();
      Pending failure;
      while ((failure = failed.poll()) != null) {
        failures.add(failure);
      }
      List<Pending> inOrder = inflight.keySet().stream().filter(failures::contains).toList();
      inOrder.forEach(inflight::remove);
      inOrder.forEach(requeue);
    }
    count = inflight.size();
  }

  /** Whether the client has reported a failure not yet applied by {@link #settle}. */
  boolean anyFailed() {
    return !failed.isEmpty();
  }

  /**
   * The connection is gone: applies the acknowledgements queued since the last {@link #settle},
   * forgets the failures reported so far (the client reports them over time and in no particular
   * order, and every message left goes back anyway), and empties the window. Returns what was in it,
   * in send order, so that it is journaled or queued again as it was sent.
   */
  List<Pending> abandon(Consumer<Pending> acknowledged) {
    applyAcknowledgements(acknowledged);
    failed.clear();
    return clear();
  }

  /** Each acknowledged message still in the window leaves it and goes to {@code acknowledged}. */
  private void applyAcknowledgements(Consumer<Pending> acknowledged) {
    Pending done;
    while ((done = completed.poll()) != null) {
      if (inflight.remove(done) != null) { // else already given back after a connection loss
        acknowledged.accept(done);
      }
    }
  }

  /** Empties the window; returns what was in it, in send order. */
  List<Pending> clear() {
    List<Pending> unacknowledged = new ArrayList<>(inflight.keySet());
    inflight.clear();
    count = 0;
    return unacknowledged;
  }
}
