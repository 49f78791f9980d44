package space.lunarbase.fsw.core.command;

/**
 * Who sent an accepted command, for handlers that record a cause (mode changes).
 *
 * @param command the command's name
 * @param keyId the key that signed it
 * @param requestId the client's correlation id
 */
public record Invocation(String command, String keyId, long requestId) {

  /** {@code "command bank.X (key k, request 7)"}. */
  public String cause() {
    return "command " + command + " (key " + keyId + ", request " + requestId + ")";
  }
}
