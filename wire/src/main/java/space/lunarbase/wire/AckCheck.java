package space.lunarbase.wire;

import java.util.EnumSet;
import java.util.Set;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;

/**
 * Which acks on a controller's {@code ack} topic answer one command, for every client that sends
 * commands (lunarctl, the rig). Anybody who may publish there can write an ack, so only one that
 * names the command's request id and whose MAC verifies under the command's key for that
 * controller ({@link AckSignature}) is the {@link Kind#ANSWER}.
 *
 * <ul>
 *   <li>{@link Kind#FORGED}: names the request id but is not the controller's: its MAC does not
 *       verify, it names another key, or it has no MAC although the controller signs every ack of a
 *       command whose MAC verified.
 *   <li>{@link Kind#UNAUTHENTICATED}: a refusal from before the controller verified the MAC
 *       (MALFORMED, UNKNOWN_KEY, BAD_MAC; no MAC by design) naming the request id, or
 *       request id 0 and the command's key. It may be the controller refusing a wrong secret, or
 *       anybody's flood: never the answer.
 *   <li>{@link Kind#OTHER}: another command's ack, or a stored sequence's entry.
 * </ul>
 *
 * @param site the controller's site (the ack topic's), which the MAC covers
 * @param controller the controller's id
 * @param keyId the command's key
 * @param secret that key's secret
 * @param requestId the command's request id
 */
public record AckCheck(String site, String controller, String keyId, byte[] secret, long requestId) {

  /**
   * Reasons a controller gives before it has verified the command's MAC: such refusals carry no MAC
   * (MALFORMED only for an envelope that does not parse; a body that does not parse after the MAC
   * verified is refused signed, as is everything else, RATE_LIMITED included).
   */
  public static final Set<Reason> BEFORE_THE_MAC = EnumSet.of(Reason.REASON_MALFORMED, Reason.REASON_UNKNOWN_KEY,
      Reason.REASON_KEY_REVOKED, Reason.REASON_BAD_MAC);

  public AckCheck {
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /** What an ack is to this command. */
  public enum Kind { ANSWER, FORGED, UNAUTHENTICATED, OTHER }

  /** The judgement and, for a forged ack, why (for a person). */
  public record Verdict(Kind kind, String why) {
    static final Verdict ANSWER = new Verdict(Kind.ANSWER, "");
    static final Verdict UNAUTHENTICATED = new Verdict(Kind.UNAUTHENTICATED, "");
    static final Verdict OTHER = new Verdict(Kind.OTHER, "");
  }

  /** What {@code ack} is to this command. */
  public Verdict judge(CommandAck ack) {
    if (ack.hasSequence() && ack.getSequence().getSlot() != 0) {
      return Verdict.OTHER; // an entry of a stored sequence: echoes the seq.LOAD's request id
    }
    boolean ours = ack.getRequestId() == requestId;
    if (ack.getMac().isEmpty()) {
      boolean refusal = ack.getStatus() == Status.STATUS_REJECTED && BEFORE_THE_MAC.contains(ack.getReason());
      if (refusal && (ours || ack.getRequestId() == 0 && ack.getKeyId().equals(keyId))) {
        return Verdict.UNAUTHENTICATED;
      }
      return ours ? new Verdict(Kind.FORGED, "it has no MAC, which the controller puts on every such ack")
          : Verdict.OTHER;
    }
    if (!ours) {
      return Verdict.OTHER;
    }
    if (!ack.getKeyId().equals(keyId)) {
      return new Verdict(Kind.FORGED, "it names key " + printable(ack.getKeyId()) + ", not " + keyId);
    }
    if (!AckSignature.verifies(ack, secret, site, controller)) {
      return new Verdict(Kind.FORGED, "its MAC does not verify under " + keyId);
    }
    return Verdict.ANSWER;
  }

  /** {@code ACCEPTED}, {@code REJECTED REASON_BAD_MAC}, ...: how the notes name an ack. */
  public static String label(CommandAck ack) {
    String status = ack.getStatus().name().replaceFirst("^STATUS_", "");
    return ack.getReason() == Reason.REASON_NONE ? status : status + " " + ack.getReason().name();
  }

  /** {@code text} with control characters shown as '?', so that it cannot drive a terminal. */
  private static String printable(String text) {
    return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  @Override
  public String toString() {
    return "AckCheck[" + site + "/" + controller + ", key " + keyId + ", request " + Long.toUnsignedString(requestId)
        + "]";
  }
}
