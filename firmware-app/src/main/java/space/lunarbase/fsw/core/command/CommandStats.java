package space.lunarbase.fsw.core.command;

import java.util.Map;

/**
 * The command counters at one moment, for telemetry and health.
 *
 * @param received messages that arrived on {@code cmd}
 * @param accepted commands that passed verification
 * @param completed commands executed
 * @param failed accepted commands whose execution failed
 * @param rejected rejections by reason name (e.g. {@code REASON_BAD_MAC})
 * @param dropped messages dropped with the queue full (never answered)
 * @param unanswered rejections not acknowledged because they came inside a flood
 * @param queueDepth messages waiting for the dispatcher
 * @param anonymous rejections charged to the shared bucket of refusals before a command is shown to
 *     be authentic and fresh (malformed, unknown key, bad MAC, another controller's, expired,
 *     replayed), not to any key
 * @param onReserve safing commands accepted on their key's safing reserve (its own bucket was empty)
 * @param expedited safing commands verified on arrival and taken ahead of the waiting ones
 */
public record CommandStats(long received, long accepted, long completed, long failed, Map<String, Long> rejected,
                           long dropped, long unanswered, int queueDepth, long anonymous, long onReserve,
                           long expedited) {

  public CommandStats {
    rejected = Map.copyOf(rejected);
  }

  /** Every rejection, whatever the reason. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
