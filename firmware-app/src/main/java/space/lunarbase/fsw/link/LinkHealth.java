package space.lunarbase.fsw.link;

import space.lunarbase.proto.v1.LinkTelemetry;

/**
 * A snapshot of the link's state and counters, for {@code tlm/link} and {@code /health}.
 *
 * @param status OK, UNAVAIL (broker unreachable), FAILED (receive path dead, or the journal
 *     unwritable while the broker is away)
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
 * @param inboundOversize messages dropped on arrival for being larger than their topic's limit
 * @param inboundRetained messages dropped on arrival for carrying the retain flag
 * @param takeovers times another client took the controller's client id
 * @param outboundTooLarge outbound messages dropped for exceeding the maximum packet size
 * @param receiveIdleMillis milliseconds since the last message arrived (0 while away)
 * @param failure why the link is FAILED, for a person; empty otherwise
 * @param protocol "MQTT 5" or "MQTT 3.1.1"
 * @param clientId the MQTT client id
 */
public record LinkHealth(LinkTelemetry.Status status, String broker, int outboxDepth, int outboxCapacity,
                         long outboxDropped, long journalBytes, long journalPending, long journalDropped,
                         long journalCorrupt, long journalWriteFailures, long replayed, long published,
                         long reconnects, long garbageReceived, int inflight, long inboundOversize,
                         long inboundRetained, long takeovers, long outboundTooLarge, long receiveIdleMillis,
                         String failure, String protocol, String clientId) {

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
        .setInboundOversize(inboundOversize)
        .setInboundRetained(inboundRetained)
        .setTakeovers(takeovers)
        .setOutboundTooLarge(outboundTooLarge)
        .setReceiveIdleMs(receiveIdleMillis)
        .setFailure(failure)
        .setProtocol(protocol)
        .build();
  }
}
