package space.lunarbase.fsw.core.command;

import java.util.Map;
import java.util.Optional;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.time.ClockSyncMonitor;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Value;

/**
 * The checks of a command by its name, arguments and the sender's role, which need neither its
 * signature nor its counter: used by the {@link CommandVerifier} for received commands, by
 * {@code seq.LOAD} for every entry of an uploaded sequence, and by the dispatcher again when a
 * sequence entry comes due. {@link #content} judges what does not change with time (so it is all
 * a sequence's entries get at load); {@link #conditions} judges the moment: the mode, the command's
 * {@link Precondition} (range safety's holds, protected parameters) and, for a
 * {@link CommandSpec.Trait#TIME_CRITICAL} command, the clock's synchronisation. Not thread-safe
 * beyond what {@link Modes} is: call from the dispatcher's thread (or at start-up).
 */
public final class CommandChecks {

  private final CommandRegistry registry;
  private final Modes modes;
  private final ClockSyncMonitor clock;

  public CommandChecks(CommandRegistry registry, Modes modes, ClockSyncMonitor clock) {
    this.registry = registry;
    this.modes = modes;
    this.clock = clock;
  }

  /** What {@link #content} made of a command. */
  public sealed interface Result {
    /** Known, allowed to the sender, arguments and content acceptable. */
    record Passed(CommandSpec spec, Args args) implements Result {}

    /** The first check that failed. */
    record Refused(Rejection rejection) implements Result {}
  }

  /**
   * UNKNOWN_COMMAND, WRONG_ROLE, BAD_ARGUMENT / OUT_OF_RANGE, then the command's own
   * {@link ContentCheck}: the first that fails, or the command's declaration and arguments.
   */
  public Result content(String command, Map<String, Value> args, ContentCheck.Sender sender) {
    Optional<CommandSpec> found = registry.find(command);
    if (found.isEmpty()) {
      return refused(Reason.REASON_UNKNOWN_COMMAND, "no command '" + CommandVerifier.echo(command) + "'");
    }
    CommandSpec spec = found.get();
    if (!spec.roles().contains(sender.role())) {
      return refused(Reason.REASON_WRONG_ROLE, spec.name() + " needs role "
          + spec.roles().stream().map(Role::label).sorted().toList() + "; key " + sender.keyId() + " is "
          + sender.role().label());
    }
    Optional<Rejection> badArgs = spec.checkArgs(args);
    if (badArgs.isPresent()) {
      return new Result.Refused(badArgs.get());
    }
    Args checked = new Args(args);
    Optional<Rejection> badContent = spec.contentCheck().check(checked, sender, this);
    if (badContent.isPresent()) {
      return new Result.Refused(badContent.get());
    }
    return new Result.Passed(spec, checked);
  }

  /** Whether {@code command} with {@code args} is a declared safing command ({@link Safing}). */
  public boolean safing(String command, Map<String, Value> args) {
    Optional<CommandSpec> found = registry.find(command);
    return found.isPresent() && found.get().safing(args);
  }

  /**
   * What the moment allows, in order: ILLEGAL_IN_MODE, the command's {@link Precondition} (HELD,
   * ...), CLOCK_NOT_SYNCHRONISED for a time-critical command; the first that fails, else empty.
   */
  public Optional<Rejection> conditions(CommandSpec spec, Args args, ContentCheck.Sender sender) {
    Optional<Rejection> mode = mode(spec);
    if (mode.isPresent()) {
      return mode;
    }
    Optional<Rejection> precondition = spec.precondition().check(args, sender);
    if (precondition.isPresent()) {
      return precondition;
    }
    if (spec.has(CommandSpec.Trait.TIME_CRITICAL)) {
      ClockSyncMonitor.Reading reading = clock.current();
      if (!reading.synchronised()) {
        return Optional.of(new Rejection(Reason.REASON_CLOCK_NOT_SYNCHRONISED, spec.name() + " is time-critical and"
            + " the controller's clock is " + reading.status().describe() + " as of " + reading.checkedAt()));
      }
    }
    return Optional.empty();
  }

  /** BAD_ARGUMENT if {@code spec} may not be an entry of a stored sequence; else empty. */
  public Optional<Rejection> sequenceEntry(CommandSpec spec) {
    if (spec.has(CommandSpec.Trait.NOT_IN_SEQUENCES)) {
      return Optional.of(new Rejection(Reason.REASON_BAD_ARGUMENT, spec.name() + " is never run from a stored"
          + " sequence: send it directly"));
    }
    return Optional.empty();
  }

  /** ILLEGAL_IN_MODE if the mode of the command's subsystem does not allow it now; else empty. */
  public Optional<Rejection> mode(CommandSpec spec) {
    Mode mode = modes.of(spec.subsystem()).orElse(Mode.NOMINAL);
    if (spec.modes().contains(mode)) {
      return Optional.empty();
    }
    return Optional.of(new Rejection(Reason.REASON_ILLEGAL_IN_MODE, spec.name() + " is not allowed while "
        + spec.subsystem() + " is " + mode + " (allowed: " + spec.modes().stream().sorted().toList() + ")"));
  }

  private static Result refused(Reason reason, String text) {
    return new Result.Refused(new Rejection(reason, text));
  }
}
