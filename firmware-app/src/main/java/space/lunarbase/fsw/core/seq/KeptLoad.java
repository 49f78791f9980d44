package space.lunarbase.fsw.core.seq;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.util.Optional;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.command.CommandKey;
import space.lunarbase.fsw.core.command.KeyRing;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.StoredSequence;
import space.lunarbase.proto.v1.Value;

/**
 * A kept sequence's authority, checked again at a restore: the seq.LOAD it was uploaded with,
 * kept as received ({@code StoredSequence.signed_load}), must still verify under the key ring of
 * the day, exactly as a received command does (HMAC-SHA256 over its body, constant-time compare),
 * and must be a seq.LOAD for this controller, into this slot, of this sequence. Its expiry and
 * counter are not judged again (they were, at upload). The file's CRC only catches damage; this
 * catches an edit: whoever can write the data folder cannot make a sequence run without a key.
 */
final class KeptLoad {

  /** What the check made of a kept sequence. */
  sealed interface Result {
    /** It verifies: the key as it is now, the authenticated body, the sequence it loaded. */
    record Authentic(CommandKey key, CommandBody body, ByteString sequence) implements Result {}

    /**
     * It does not.
     *
     * @param problem why, for the event
     * @param altered true when the file says something its signature does not (or has no
     *     signature): it is moved aside for a person; false when it is merely no longer valid
     *     (its key retired): it is forgotten
     */
    record Refused(String problem, boolean altered) implements Result {}
  }

  private KeptLoad() {}

  static Result check(StoredSequence stored, int slot, KeyRing keys, ControllerSettings controller) {
    if (stored.getSignedLoad().isEmpty()) {
      return altered("kept without its signed seq.LOAD, so its authority cannot be checked: load it again");
    }
    SignedCommand signed;
    try {
      signed = SignedCommand.parseFrom(stored.getSignedLoad());
    } catch (InvalidProtocolBufferException e) {
      return altered("its kept seq.LOAD is not a SignedCommand");
    }
    if (!signed.getKeyId().equals(stored.getKeyId())) {
      return altered("it names key " + SequenceValidator.printable(stored.getKeyId()) + " but its seq.LOAD was signed"
          + " with " + SequenceValidator.printable(signed.getKeyId()) + ": altered on disk");
    }
    Optional<CommandKey> key = keys.find(signed.getKeyId());
    if (key.isEmpty()) {
      return new Result.Refused("its key " + signed.getKeyId() + " is no longer in the key ring", false);
    }
    byte[] body = signed.getBody().toByteArray();
    if (!MessageDigest.isEqual(key.get().mac(body), signed.getMac().toByteArray())) {
      return altered("its seq.LOAD does not verify under key " + signed.getKeyId() + " (MAC mismatch): altered on"
          + " disk");
    }
    CommandBody load;
    try {
      load = CommandBody.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      return altered("its seq.LOAD's body is not a CommandBody");
    }
    Value slotArg = load.getArgsMap().get("slot");
    Value sequenceArg = load.getArgsMap().get(SequenceCommands.SEQUENCE_ARG);
    if (!load.getCommand().equals("seq.LOAD") || !load.getSiteId().equals(controller.site())
        || !load.getControllerId().equals(controller.controller()) || slotArg == null || sequenceArg == null
        || slotArg.getInteger() != slot || !sequenceArg.hasData()) {
      return altered("its signed command is not a seq.LOAD of slot " + slot + " on this controller");
    }
    if (!sequenceArg.getData().equals(stored.getSequence())) {
      return altered("the kept sequence is not the one its seq.LOAD uploaded: altered on disk");
    }
    return new Result.Authentic(key.get(), load, sequenceArg.getData());
  }

  private static Result altered(String problem) {
    return new Result.Refused(problem, true);
  }
}
