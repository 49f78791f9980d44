package space.lunarbase.fsw.core.command;

import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.SequenceRef;
import space.lunarbase.proto.v1.Value;

/**
 * A command the controller runs on the authority of a command it verified earlier, rather than one
 * it received: an entry of a stored sequence, authorised by the signed {@code seq.LOAD} that
 * uploaded it. Handed to the {@link CommandIntake}, it runs on the dispatcher's thread like a
 * received command: checked again by name, role and arguments, then by mode, then the same handler,
 * acks (marked with {@link #origin}) and COMMAND_COMPLETED / COMMAND_FAILED events. There is no
 * signature, expiry or counter to check again: those were the upload's.
 *
 * @param command the command's name
 * @param args its arguments
 * @param keyId the key that signed the upload
 * @param role that key's role: it must be allowed to send {@code command}
 * @param requestId the upload's request id, echoed in the acks
 * @param counter the upload's counter, echoed in the acks
 * @param origin the sequence entry it is
 * @param current asked once, on the dispatcher's thread, when its turn comes and right before it
 *     runs: false if it was withdrawn meanwhile (its sequence paused or aborted), and then it is
 *     dropped unseen
 * @param done told how it ended, on the dispatcher's thread; not called for a withdrawn one
 */
public record Delegated(String command, Map<String, Value> args, String keyId, Role role, long requestId,
                        long counter, SequenceRef origin, BooleanSupplier current, Consumer<Outcome> done)
    implements CommandIntake.Work {

  public Delegated {
    Objects.requireNonNull(command, "command");
    args = Map.copyOf(args);
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(done, "done");
  }

  /**
   * How a delegated command ended.
   *
   * @param status COMPLETED or FAILED (a refusal when it came due is FAILED with the refusal's reason)
   * @param reason REASON_NONE when completed; else why (ILLEGAL_IN_MODE, EXECUTION_FAILED, ...)
   * @param text the result text or what went wrong
   */
  public record Outcome(Status status, Reason reason, String text) {

    public boolean completed() {
      return status == Status.STATUS_COMPLETED;
    }
  }
}
