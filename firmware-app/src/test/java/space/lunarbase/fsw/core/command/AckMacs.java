package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.wire.AckSignature;

/**
 * What a client holding the keys checks of every ack: one whose command's MAC verified carries a
 * MAC that verifies under the key it names ({@link AckSignature#verifies}); a refusal before that
 * (unknown key, bad MAC, a malformed envelope) carries none.
 */
public final class AckMacs {

  /** Refusals that may come before the command's MAC verified. */
  private static final Set<Reason> BEFORE_THE_MAC = Set.of(Reason.REASON_MALFORMED, Reason.REASON_UNKNOWN_KEY,
      Reason.REASON_BAD_MAC);

  private AckMacs() {}

  /** Asserts the rule above for each of {@code acks}, with the secrets of {@code ring}. */
  public static void assertSigned(Collection<CommandAck> acks, KeyRing ring, String site, String controller) {
    for (CommandAck ack : acks) {
      boolean unauthenticated = ack.getStatus() == Status.STATUS_REJECTED && BEFORE_THE_MAC.contains(ack.getReason());
      if (!unauthenticated) {
        assertThat(ack.getMac().isEmpty()).as("an ack of an authenticated command carries a MAC: %s", ack).isFalse();
      }
      if (ack.getReason() == Reason.REASON_BAD_MAC || ack.getReason() == Reason.REASON_UNKNOWN_KEY) {
        assertThat(ack.getMac().isEmpty()).as("a refusal before the MAC verified carries none: %s", ack).isTrue();
      }
      if (!ack.getMac().isEmpty()) {
        CommandKey key = ring.find(ack.getKeyId()).orElseThrow(() -> new AssertionError("signed under an unknown key "
            + ack));
        assertThat(AckSignature.verifies(ack, key.secret(), site, controller)).as("the ack's MAC verifies: %s", ack)
            .isTrue();
      }
    }
  }
}
