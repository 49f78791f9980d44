package space.lunarbase.fsw.core.command;

import com.google.protobuf.ByteString;
import space.lunarbase.proto.v1.SequenceRef;

/**
 * Who sent an accepted command, for handlers that record a cause (mode changes) or an authority
 * (seq.LOAD keeps the uploader's key and role with the sequence).
 *
 * @param command the command's name
 * @param keyId the key that signed it (for a sequence entry: the key that signed the seq.LOAD)
 * @param requestId the client's correlation id (for a sequence entry: the seq.LOAD's)
 * @param role the role of that key
 * @param counter the signed command's counter (for a sequence entry: the seq.LOAD's)
 * @param sequence the sequence entry it came from; the default instance (slot 0) if sent directly
 * @param signed the SignedCommand's bytes as received, verified; empty for a sequence entry
 */
public record Invocation(String command, String keyId, long requestId, Role role, long counter,
                         SequenceRef sequence, ByteString signed) {

  /** Whether a stored sequence ran it. */
  public boolean fromSequence() {
    return sequence.getSlot() != 0;
  }

  /**
   * {@code "command bank.X (key k, request 7)"}, or for a sequence entry
   * {@code "command bank.X (sequence 'night' slot 1 entry 3, loaded with key k, request 7)"}.
   */
  public String cause() {
    return "command " + command + " (" + (fromSequence() ? describe(sequence) + ", loaded with " : "")
        + "key " + keyId + ", request " + Long.toUnsignedString(requestId) + ")";
  }

  /** {@code sequence 'night' slot 1 entry 3}. */
  public static String describe(SequenceRef sequence) {
    return "sequence '" + sequence.getName() + "' slot " + sequence.getSlot() + " entry " + sequence.getEntry();
  }
}
