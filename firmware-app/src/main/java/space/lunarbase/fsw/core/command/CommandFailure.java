package space.lunarbase.fsw.core.command;

/** Thrown by a handler when the command could not be carried out: its message goes in the FAILED ack. */
public final class CommandFailure extends RuntimeException {

  public CommandFailure(String message) {
    super(message);
  }
}
