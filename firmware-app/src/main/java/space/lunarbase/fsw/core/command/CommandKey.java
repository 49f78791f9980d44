package space.lunarbase.fsw.core.command;

import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key of the ring: its id (sent in every SignedCommand), its role and its HMAC-SHA256 secret.
 * {@link #toString()} never shows the secret.
 */
public record CommandKey(String id, Role role, byte[] secret) {

  /** Secrets shorter than this (bytes) are refused: HMAC-SHA256 wants at least its output size. */
  public static final int MIN_SECRET_BYTES = 32;

  public CommandKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /** HMAC-SHA256 of {@code body} under this key. */
  public byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "CommandKey[" + id + ", " + role.label() + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CommandKey k && k.id.equals(id) && k.role == role
        && java.security.MessageDigest.isEqual(k.secret, secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, role);
  }
}
