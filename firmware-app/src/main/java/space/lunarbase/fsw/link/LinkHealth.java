package space.lunarbase.fsw.link;

import space.lunarbase.proto.v1.LinkTelemetry;

/**
 * A snapshot of the link's state and counters, for {@code tlm/link} and {@code /health}.
 *
 * @param status OK, UNAVAIL (broker unreachable), FAILED (journal unwritable while the broker is away)
 * @param broker the broker's URL
 * @param outboxDepth messages waiting in memory
 * @param outboxCapacity the outbox's bound
 * @param outboxDropped messages dropped from the full outbox
 * @param journalBytes bytes in the store-and-forward journal
 * @param journalPending journaled messages not yet delivered
 * @param journalDropped journaled messages dropped with the oldest segment when the journal was full
 * @param journalCorrupt corrupt or torn records skipped
 * @param journalWriteFailures messages that could not be journaled
 * @param replayed journaled messages delivered after the broker came back
 * @param published messages handed to the broker
 * @param reconnects connections lost and made again
 * @param garbageReceived undecodable messages on subscribed topics
 * @param inflight QoS 1 messages sent and not yet acknowledged
 */
public record LinkHealth(LinkTelemetry.Status status, String broker, int outboxDepth, int outboxCapacity,
                         long outboxDropped, long journalBytes, long journalPending, long journalDropped,
                         long journalCorrupt, long journalWriteFailures, long replayed, long published,
                         long reconnects, long garbageReceived, int inflight) {

  /** The same as telemetry. */
  public LinkTelemetry toTelemetry() {
    return LinkTelemetry.newBuilder()
        .setStatus(status)
        .setOutboxDepth(outboxDepth)
        .setOutboxCapacity(outboxCapacity)
        .setOutboxDropped(outboxDropped)
        .setJournalBytes(journalBytes)
        .setJournalPending(journalPending)
        .setJournalDropped(journalDropped)
        .setJournalCorrupt(journalCorrupt)
        .setReplayed(replayed)
        .setPublished(published)
        .setReconnects(reconnects)
        .setGarbageReceived(garbageReceived)
        .setInflight(inflight)
        .build();
  }
}
