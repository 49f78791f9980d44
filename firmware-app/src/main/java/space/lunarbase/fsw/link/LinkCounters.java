package space.lunarbase.fsw.link;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the link counts for its telemetry and health: connections and their losses, messages
 * published and replayed, lost (not journaled), dropped as too large, client-id takeovers.
 * Counted on the link thread, read from any.
 */
final class LinkCounters {

  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong connectionLosses = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong replayed = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong takeovers = new AtomicLong();
  private final AtomicLong tooLarge = new AtomicLong();

  void addConnection() {
    connections.incrementAndGet();
  }

  void addConnectionLoss() {
    connectionLosses.incrementAndGet();
  }

  void addPublished() {
    published.incrementAndGet();
  }

  void addReplayed() {
    replayed.incrementAndGet();
  }

  void addLost() {
    lost.incrementAndGet();
  }

  void addTakeover() {
    takeovers.incrementAndGet();
  }

  void addTooLarge() {
    tooLarge.incrementAndGet();
  }

  /** Successful connections since start (the first included). */
  long connections() {
    return connections.get();
  }

  /** Connections lost since start. */
  long connectionLosses() {
    return connectionLosses.get();
  }

  /** Messages the broker has acknowledged (QoS 1) or been handed (QoS 0). */
  long published() {
    return published.get();
  }

  /** Journaled messages delivered after the broker came back. */
  long replayed() {
    return replayed.get();
  }

  /** Messages that should have been journaled and could not be. */
  long lost() {
    return lost.get();
  }

  /** Times another client took the controller's client id. */
  long takeovers() {
    return takeovers.get();
  }

  /** Messages dropped as larger than the maximum packet size. */
  long tooLarge() {
    return tooLarge.get();
  }
}
