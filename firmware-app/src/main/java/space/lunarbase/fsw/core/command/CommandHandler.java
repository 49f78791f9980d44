package space.lunarbase.fsw.core.command;

/**
 * Carries out one accepted command on the dispatcher's thread. Returns a short text for the
 * COMPLETED ack; throws (e.g. hal's DeviceException) when it could not, which becomes FAILED with
 * the exception's message.
 */
@FunctionalInterface
public interface CommandHandler {

  String execute(Args args, Invocation invocation);
}
