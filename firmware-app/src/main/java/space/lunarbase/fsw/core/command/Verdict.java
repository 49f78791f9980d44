package space.lunarbase.fsw.core.command;

import space.lunarbase.proto.v1.CommandBody;

/** What verification made of one received message. */
public sealed interface Verdict {

  /** A command that passed every check: execute it. */
  record Accepted(CommandKey key, CommandBody body, CommandSpec spec, Args args) implements Verdict {}

  /**
   * A message that failed a check.
   *
   * @param rejection the reason and text
   * @param keyId the envelope's key id, as far as it could be read (printable, at most 64 chars)
   * @param body the body, once it was authenticated and parsed; else the default instance
   * @param announce whether to send an ack: false for repeats inside a flood (counted, not acked)
   */
  record Rejected(Rejection rejection, String keyId, CommandBody body, boolean announce) implements Verdict {}
}
