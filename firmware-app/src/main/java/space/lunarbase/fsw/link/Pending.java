package space.lunarbase.fsw.link;

import space.lunarbase.fsw.core.telemetry.Outbound;

/**
 * One message handed to the port: live ({@code journalIndex} -1) or replayed from the journal.
 * Compared by identity: the same bytes offered twice are two messages, each with its own
 * acknowledgement.
 */
final class Pending {

  private final Outbound message;
  private final long journalIndex;

  Pending(Outbound message, long journalIndex) {
    this.message = message;
    this.journalIndex = journalIndex;
  }

  /** A live message from the outbox. */
  static Pending live(Outbound message) {
    return new Pending(message, -1);
  }

  Outbound message() {
    return message;
  }

  long journalIndex() {
    return journalIndex;
  }

  /** Whether it was replayed from the journal (and is acknowledged there once delivered). */
  boolean replayed() {
    return journalIndex >= 0;
  }
}
