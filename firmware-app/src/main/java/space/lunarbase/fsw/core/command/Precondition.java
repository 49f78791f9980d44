package space.lunarbase.fsw.core.command;

import java.util.Optional;

/**
 * What must hold now, beyond the mode, for a command to run: judged after ILLEGAL_IN_MODE each
 * time the command is about to run (a received command before ACCEPTED, a sequence entry when it
 * comes due), never when a sequence is loaded. {@code core.SET_MODE} uses it for range safety's
 * holds, {@code core.SET_PARAM} for protected parameters. A refusal is REJECTED (a received
 * command) or FAILED (a sequence entry) with the precondition's reason.
 */
@FunctionalInterface
public interface Precondition {

  /** For commands that need nothing more than their mode. */
  Precondition NONE = (args, sender) -> Optional.empty();

  /** Empty if the command may run now; else the refusal (its reason and a text naming the rule). */
  Optional<Rejection> check(Args args, ContentCheck.Sender sender);
}
