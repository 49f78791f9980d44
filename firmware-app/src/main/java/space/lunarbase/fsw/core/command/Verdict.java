package space.lunarbase.fsw.core.command;

import com.google.protobuf.ByteString;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandBody;

/** What verification made of one received message. */
public sealed interface Verdict {

  /**
   * A command that passed every check: execute it. Its acks are signed with {@code key}.
   *
   * @param onReserve it is a safing command let through on its key's safing reserve
   * @param counterPersisted false for a safing command whose counter could not be written (kept in
   *     memory; the dispatcher raises COMMAND_COUNTER_NOT_PERSISTED)
   * @param signed the SignedCommand's bytes as received (kept by commands that act later on its
   *     authority: seq.LOAD)
   */
  record Accepted(CommandKey key, CommandBody body, CommandSpec spec, Args args, boolean onReserve,
                  boolean counterPersisted, ByteString signed) implements Verdict {}

  /**
   * A message that failed a check.
   *
   * @param rejection the reason and text (empty for a refusal that is not answered)
   * @param keyId the envelope's key id, as far as it could be read (printable, at most 64 chars)
   * @param body the body's echo (request id, counter, command) once it was authenticated; else the
   *     default instance
   * @param announce whether to send an ack: false for repeats inside a flood (counted, not acked)
   * @param signer the key whose MAC verified, which signs the ack; empty for a refusal before that
   * @param anonymous charged to the shared bucket of refusals before a command is shown to be
   *     authentic and fresh, not to a key
   */
  record Rejected(Rejection rejection, String keyId, CommandBody body, boolean announce,
                  Optional<CommandKey> signer, boolean anonymous) implements Verdict {

    private static final Map<Reason, Rejected> QUIET = new EnumMap<>(Reason.class);

    static {
      for (Reason reason : Reason.values()) {
        if (reason != Reason.UNRECOGNIZED) {
          QUIET.put(reason, quiet(reason, "", true));
        }
      }
    }

    /** An answered refusal of an authenticated, fresh command, charged to its key; the ack signed with it. */
    static Rejected signed(CommandKey key, CommandBody body, Rejection rejection) {
      return new Rejected(rejection, key.id(), body, true, Optional.of(key), false);
    }

    /** A refusal charged to the anonymous bucket that is not answered, naming no key: a shared constant. */
    static Rejected quiet(Reason reason) {
      return QUIET.get(reason);
    }

    /** A refusal that is not answered, naming {@code keyId} (make one per key and reason, once). */
    static Rejected quiet(Reason reason, String keyId, boolean anonymous) {
      return new Rejected(new Rejection(reason, ""), keyId, CommandBody.getDefaultInstance(), false,
          Optional.empty(), anonymous);
    }
  }
}
