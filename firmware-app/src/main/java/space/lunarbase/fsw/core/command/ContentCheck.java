package space.lunarbase.fsw.core.command;

import java.util.Optional;

/**
 * A command's own check of what its arguments contain, beyond their declared kinds and ranges:
 * the verifier runs it after BAD_ARGUMENT / OUT_OF_RANGE and before ILLEGAL_IN_MODE, on the
 * dispatcher's thread, so a refusal is a REJECTED ack with the check's reason. {@code seq.LOAD}
 * uses it to judge every entry of the uploaded sequence with the same {@link CommandChecks}.
 */
@FunctionalInterface
public interface ContentCheck {

  /** For commands whose declared arguments say everything. */
  ContentCheck NONE = (args, sender, checks) -> Optional.empty();

  /**
   * Empty if the content is acceptable; else the rejection (its reason and a text naming the part at fault).
   *
   * @param args the arguments, already checked against their declarations
   * @param sender the key that signed the command (its id and role)
   * @param checks the checks of commands by name, for content that carries commands
   */
  Optional<Rejection> check(Args args, Sender sender, CommandChecks checks);

  /** The key a command was signed with: its id and role (never its secret). */
  record Sender(String keyId, Role role) {}
}
