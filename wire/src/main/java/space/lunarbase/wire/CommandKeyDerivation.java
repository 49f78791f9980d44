package space.lunarbase.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A controller's own command secret from a signer's master secret: HKDF-SHA256 (RFC 5869) with
 * the salt {@code lunarbase command key v1}, the master as input key material and the controller's
 * identity {@code {site}.{controller}} as info; 32 bytes. A controller's ring holds only its own
 * secrets, so one board's ring is worthless against another; the signer (lunarctl) holds the master
 * and derives the secret of the controller it commands.
 */
public final class CommandKeyDerivation {

  /** Bytes of a derived secret (and of a master). */
  public static final int LENGTH = 32;
  private static final byte[] SALT = "lunarbase command key v1".getBytes(StandardCharsets.UTF_8);

  private CommandKeyDerivation() {}

  /** The secret of {@code master}'s key on controller {@code controller} of {@code site}. */
  public static byte[] derive(byte[] master, String site, String controller) {
    try {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
      byte[] prk = extract.doFinal(master);
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      expand.update((site + "." + controller).getBytes(StandardCharsets.UTF_8));
      expand.update((byte) 1);
      return expand.doFinal(); // one block: 32 bytes
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
