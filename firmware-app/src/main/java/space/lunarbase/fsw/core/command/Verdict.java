package space.lunarbase.fsw.core.command;

import java.util.EnumMap;
import java.util.Map;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;

/** What verification made of one received message. */
public sealed interface Verdict {

  /**
   * A command that passed every check: execute it.
   *
   * @param signed the envelope as received (kept by commands that act later on its authority: seq.LOAD)
   */
  record Accepted(CommandKey key, SignedCommand signed, CommandBody body, CommandSpec spec, Args args)
      implements Verdict {}

  /**
   * A message that failed a check.
   *
   * @param rejection the reason and text (empty for a refusal that is not answered)
   * @param keyId the envelope's key id, as far as it could be read (printable, at most 64 chars)
   * @param body the body, once it was authenticated and parsed; else the default instance
   * @param announce whether to send an ack: false for repeats inside a flood (counted, not acked)
   */
  record Rejected(Rejection rejection, String keyId, CommandBody body, boolean announce) implements Verdict {

    private static final Map<Reason, Rejected> QUIET = new EnumMap<>(Reason.class);

    static {
      for (Reason reason : Reason.values()) {
        if (reason != Reason.UNRECOGNIZED) {
          QUIET.put(reason, quiet(reason, ""));
        }
      }
    }

    /** A refusal that is not answered, naming no key: a shared constant, so a flood allocates nothing. */
    static Rejected quiet(Reason reason) {
      return QUIET.get(reason);
    }

    /** A refusal that is not answered, charged to key {@code keyId} (make one per key, once). */
    static Rejected quiet(Reason reason, String keyId) {
      return new Rejected(new Rejection(reason, ""), keyId, CommandBody.getDefaultInstance(), false);
    }
  }
}
