package space.lunarbase.fsw.core.seq;

import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.command.CommandKey;
import space.lunarbase.fsw.core.command.CommandVerifier;
import space.lunarbase.fsw.core.command.ContentCheck;
import space.lunarbase.fsw.core.command.KeyRing;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.proto.v1.StoredSequence;

/**
 * At start, loads the sequences kept in {@code {data-dir}/sequences} back into their slots, LOADED:
 * a restart never resumes a run (a reboot aborts running sequences; an operator runs them again,
 * knowing what the controller did meanwhile). Each is judged again as at its upload, except that
 * an absolute time in the past does not refuse it here (seq.RUN will): its key must still be in the
 * key ring (its role now is the role the entries run with), and every entry must still pass. One
 * that does not is dropped with SEQUENCE_NOT_RESTORED (its file moved aside as
 * {@code slot-N.corrupt} when damaged, or removed); one that does comes back with SEQUENCE_RESTORED.
 */
@Context
final class SequenceRestorer {

  private static final Logger LOG = LoggerFactory.getLogger(SequenceRestorer.class);

  SequenceRestorer(SequenceStore store, Sequencer sequencer, SequenceValidator validator, KeyRing keys,
                   CommandVerifier verifier, EventLog events) {
    java.util.List<SequenceStore.Kept> kept;
    try {
      kept = store.readAll();
    } catch (IOException e) {
      LOG.error("kept sequences cannot be read: {}", e.toString());
      events.emitUnthrottled(SequenceEvents.SEQUENCE_NOT_RESTORED, "kept sequences in " + SequenceStore.FOLDER
          + " cannot be read: " + e.getMessage(), Map.of("slot", "0", "sequence", ""));
      return;
    }
    for (SequenceStore.Kept one : kept) {
      Optional<String> problem = switch (one) {
        case SequenceStore.Kept.Damaged damaged -> Optional.of(damaged.problem());
        case SequenceStore.Kept.Intact intact -> restore(intact.stored(), sequencer, validator, keys, verifier);
      };
      problem.ifPresent(why -> {
        if (one instanceof SequenceStore.Kept.Intact) {
          try {
            store.delete(one.slot());
          } catch (IOException e) {
            LOG.warn("slot {}: cannot remove the sequence not restored: {}", one.slot(), e.toString());
          }
        }
        Map<String, String> args = new LinkedHashMap<>();
        args.put("slot", Integer.toString(one.slot()));
        args.put("sequence", one instanceof SequenceStore.Kept.Intact intact ? name(intact.stored()) : "");
        events.emitUnthrottled(SequenceEvents.SEQUENCE_NOT_RESTORED, "slot " + one.slot()
            + ": the sequence kept before the restart is not loaded again: " + why, args);
      });
    }
  }

  /** Empty if {@code stored} is back in its slot; else why not. */
  private static Optional<String> restore(StoredSequence stored, Sequencer sequencer, SequenceValidator validator,
                                          KeyRing keys, CommandVerifier verifier) {
    if (stored.getSlot() < 1 || stored.getSlot() > sequencer.slotCount()) {
      return Optional.of("slot " + stored.getSlot() + " is beyond lunarbase.sequences.slots="
          + sequencer.slotCount());
    }
    Optional<CommandKey> key = keys.find(stored.getKeyId());
    if (key.isEmpty()) {
      return Optional.of("its key " + stored.getKeyId() + " is no longer in the key ring");
    }
    ContentCheck.Sender sender = new ContentCheck.Sender(key.get().id(), key.get().role());
    return switch (validator.validate(stored.getSequence(), sender, verifier.checks(), false)) {
      case SequenceValidator.Validation.Invalid invalid -> Optional.of(invalid.rejection().reason().name()
          .replaceFirst("^REASON_", "") + ": " + invalid.rejection().text());
      case SequenceValidator.Validation.Valid valid -> {
        sequencer.restore(stored.getSlot(), valid.plan(), new Loader(sender.keyId(), sender.role(),
            stored.getRequestId(), stored.getCounter(), SequencePlan.instant(stored.getLoadedNs())));
        yield Optional.empty();
      }
    };
  }

  private static String name(StoredSequence stored) {
    try {
      return SequenceValidator.printable(space.lunarbase.proto.v1.Sequence.parseFrom(stored.getSequence()).getName());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return "";
    }
  }
}
