package space.lunarbase.fsw.core.seq;

import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.command.CommandKey;
import space.lunarbase.fsw.core.command.CommandVerifier;
import space.lunarbase.fsw.core.command.ContentCheck;
import space.lunarbase.fsw.core.command.KeyRing;
import space.lunarbase.fsw.core.command.Keys;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.proto.v1.StoredSequence;

/**
 * At start, loads the sequences kept in {@code {data-dir}/sequences} back into their slots, LOADED:
 * a restart never resumes a run (a reboot aborts running sequences; an operator runs them again,
 * knowing what the controller did meanwhile). Each must first prove its authority again: the
 * signed seq.LOAD kept with it must verify under the key ring of the day ({@link KeptLoad}); the
 * sequence, slot, key, request id and counter are taken from that signed command. Then it is judged
 * again as at its upload, except that an absolute time in the past does not refuse it here (seq.RUN
 * will): its key's role now is the role the entries run with, and every entry must still pass.
 *
 * <p>One that does not is dropped with SEQUENCE_NOT_RESTORED (WARNING_HI): a damaged file, or one
 * whose signature does not match what it holds (altered on disk, or kept without one), is moved
 * aside as {@code slot-N.corrupt}; one merely no longer valid (its key retired, an entry no longer
 * allowed) is removed. One that does comes back with SEQUENCE_RESTORED.
 */
@Context
final class SequenceRestorer {

  private static final Logger LOG = LoggerFactory.getLogger(SequenceRestorer.class);

  /** Why a kept sequence was not restored, and whether its file is kept aside for a person. */
  private record Problem(String text, boolean quarantine) {}

  SequenceRestorer(SequenceStore store, Sequencer sequencer, SequenceValidator validator, Keys keys,
                   CommandVerifier verifier, EventLog events, ControllerSettings controller) {
    List<SequenceStore.Kept> kept;
    try {
      kept = store.readAll();
    } catch (IOException e) {
      LOG.error("kept sequences cannot be read: {}", e.toString());
      events.emitUnthrottled(SequenceEvents.SEQUENCE_NOT_RESTORED, "kept sequences in " + SequenceStore.FOLDER
          + " cannot be read: " + e.getMessage(), Map.of("slot", "0", "sequence", ""));
      return;
    }
    for (SequenceStore.Kept one : kept) {
      Problem problem = switch (one) {
        case SequenceStore.Kept.Damaged damaged -> new Problem(damaged.problem(), true); // moved aside already
        case SequenceStore.Kept.Intact intact -> restore(intact.stored(), one.slot(), sequencer, validator, keys.current(),
            verifier, controller);
      };
      if (problem == null) {
        continue;
      }
      if (one instanceof SequenceStore.Kept.Intact) {
        try {
          if (problem.quarantine()) {
            store.quarantine(one.slot());
          } else {
            store.delete(one.slot());
          }
        } catch (IOException e) {
          LOG.warn("slot {}: cannot remove the sequence not restored: {}", one.slot(), e.toString());
        }
      }
      Map<String, String> args = new LinkedHashMap<>();
      args.put("slot", Integer.toString(one.slot()));
      args.put("sequence", one instanceof SequenceStore.Kept.Intact intact ? name(intact.stored()) : "");
      events.emitUnthrottled(SequenceEvents.SEQUENCE_NOT_RESTORED, "slot " + one.slot()
          + ": the sequence kept before the restart is not loaded again: " + problem.text()
          + (problem.quarantine() ? " (the file is kept as " + SequenceStore.FOLDER + "/slot-" + one.slot()
              + ".corrupt)" : ""), args);
    }
  }

  /** Null if {@code stored} is back in its slot; else why not. */
  private static Problem restore(StoredSequence stored, int slot, Sequencer sequencer, SequenceValidator validator,
                                 KeyRing keys, CommandVerifier verifier, ControllerSettings controller) {
    if (slot < 1 || slot > sequencer.slotCount()) {
      return new Problem("slot " + slot + " is beyond lunarbase.sequences.slots=" + sequencer.slotCount(), false);
    }
    return switch (KeptLoad.check(stored, slot, keys, controller)) {
      case KeptLoad.Result.Refused refused -> new Problem(refused.problem(), refused.altered());
      case KeptLoad.Result.Authentic authentic -> {
        CommandKey key = authentic.key();
        ContentCheck.Sender sender = new ContentCheck.Sender(key.id(), key.role());
        yield switch (validator.validate(authentic.sequence(), sender, verifier.checks(), false)) {
          case SequenceValidator.Validation.Invalid invalid -> new Problem(invalid.rejection().reason().name()
              .replaceFirst("^REASON_", "") + ": " + invalid.rejection().text(), false);
          case SequenceValidator.Validation.Valid valid -> {
            sequencer.restore(slot, valid.plan(), new Loader(key.id(), key.role(), authentic.body().getRequestId(),
                authentic.body().getCounter(), SequencePlan.instant(stored.getLoadedNs())));
            yield null;
          }
        };
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
