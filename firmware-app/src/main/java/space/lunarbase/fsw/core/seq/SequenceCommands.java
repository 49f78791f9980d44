package space.lunarbase.fsw.core.seq;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.config.SequenceSettings;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.proto.v1.Sequence;

/**
 * The sequences' commands, all declared here; each takes {@code slot} (integer, 1..slots), any
 * mode, operator or range-safety keys:
 *
 * <table>
 *   <caption>seq commands</caption>
 *   <tr><th>command</th><th>more arguments</th><th>does</th></tr>
 *   <tr><td>seq.LOAD</td><td>sequence: data, a serialized {@code Sequence}, at most max-bytes</td>
 *       <td>checks every entry as if the key had sent it (REJECTED with the entry's reason), keeps
 *       it on disk, puts it in the slot LOADED; refused while the slot runs or is paused</td></tr>
 *   <tr><td>seq.RUN</td><td></td><td>runs it from entry 1 (from LOADED, DONE, ABORTED, FAILED), with a
 *       key of the loader's role; refused if an absolute time has passed</td></tr>
 *   <tr><td>seq.PAUSE</td><td></td><td>RUNNING to PAUSED</td></tr>
 *   <tr><td>seq.RESUME</td><td></td><td>PAUSED to RUNNING, with a key of the loader's role</td></tr>
 *   <tr><td>seq.ABORT</td><td></td><td>RUNNING or PAUSED to ABORTED</td></tr>
 *   <tr><td>seq.CLEAR</td><td></td><td>empties the slot (not while running or paused)</td></tr>
 * </table>
 *
 * A refusal that depends on the slot's state ends FAILED with the reason in the ack's text.
 */
@Singleton
public final class SequenceCommands implements CommandSet {

  /** The subsystem part of the commands' names. */
  public static final String SUBSYSTEM = "seq";
  /** The argument that carries the sequence. */
  public static final String SEQUENCE_ARG = "sequence";
  static final String SLOT_ARG = "slot";

  private static final Set<Role> ANYONE = Set.of(Role.OPERATOR, Role.RANGE_SAFETY);

  private final List<CommandSpec> commands;

  public SequenceCommands(Sequencer sequencer, SequenceValidator validator, SequenceSettings settings,
                          SequenceTime clock) {
    ArgSpec slot = ArgSpec.integer(SLOT_ARG, "", 1, settings.slots());
    this.commands = List.of(
        new CommandSpec("seq.LOAD", "loads a signed sequence of time-tagged commands into a slot", ANYONE,
            List.of(slot, ArgSpec.data(SEQUENCE_ARG, settings.maxBytes())), CommandSpec.ANY_MODE,
            (args, who) -> {
              Sequence sequence;
              try {
                sequence = Sequence.parseFrom(args.data(SEQUENCE_ARG));
              } catch (InvalidProtocolBufferException e) {
                throw new CommandFailure("sequence is not a Sequence: " + e.getMessage());
              }
              SequencePlan plan = SequencePlan.of(sequence, args.data(SEQUENCE_ARG));
              Loader loader = new Loader(who.keyId(), who.role(), who.requestId(), who.counter(), clock.instant());
              return sequencer.load((int) args.integer(SLOT_ARG), plan, loader, who.signed());
            },
            validator::check),
        new CommandSpec("seq.RUN", "runs the sequence in a slot from its first entry", ANYONE, List.of(slot),
            CommandSpec.ANY_MODE, (args, who) -> sequencer.run((int) args.integer(SLOT_ARG), who.role())),
        new CommandSpec("seq.PAUSE", "pauses a running sequence", ANYONE, List.of(slot), CommandSpec.ANY_MODE,
            (args, who) -> sequencer.pause((int) args.integer(SLOT_ARG))),
        new CommandSpec("seq.RESUME", "resumes a paused sequence", ANYONE, List.of(slot), CommandSpec.ANY_MODE,
            (args, who) -> sequencer.resume((int) args.integer(SLOT_ARG), who.role())),
        new CommandSpec("seq.ABORT", "stops a running or paused sequence", ANYONE, List.of(slot),
            CommandSpec.ANY_MODE, (args, who) -> sequencer.abort((int) args.integer(SLOT_ARG))),
        new CommandSpec("seq.CLEAR", "empties a slot", ANYONE, List.of(slot), CommandSpec.ANY_MODE,
            (args, who) -> sequencer.clear((int) args.integer(SLOT_ARG))));
  }

  @Override
  public List<CommandSpec> commands() {
    return commands;
  }
}
