package space.lunarbase.fsw.core.command;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.wire.CommandSignature;
import space.lunarbase.wire.KeyFile;

/**
 * One key of the ring: its id (sent in every SignedCommand), its role, its HMAC-SHA256 secret and
 * its validity ({@code notBefore} .. {@code notAfter}, both inclusive; {@link Instant#MIN} and
 * {@link Instant#MAX} when the key file gives none). {@link #toString()} never shows the secret.
 */
public record CommandKey(String id, Role role, byte[] secret, Instant notBefore, Instant notAfter) {

  /** Secrets shorter than this (bytes) are refused: HMAC-SHA256 wants at least its output size. */
  public static final int MIN_SECRET_BYTES = KeyFile.MIN_SECRET_BYTES;

  public CommandKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    secret = secret.clone();
  }

  /** A key valid at any time. */
  public CommandKey(String id, Role role, byte[] secret) {
    this(id, role, secret, Instant.MIN, Instant.MAX);
  }

  /** Whether {@code now} lies before the key's not-before. */
  public boolean notYetValid(Instant now) {
    return now.isBefore(notBefore);
  }

  /** Whether {@code now} lies after the key's not-after. */
  public boolean expired(Instant now) {
    return now.isAfter(notAfter);
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /** HMAC-SHA256 of {@code body} under this key. */
  public byte[] mac(byte[] body) {
    return CommandSignature.mac(secret, body);
  }

  @Override
  public String toString() {
    return "CommandKey[" + id + ", " + role.label() + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CommandKey k && k.id.equals(id) && k.role == role
        && java.security.MessageDigest.isEqual(k.secret, secret) && k.notBefore.equals(notBefore)
        && k.notAfter.equals(notAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, role);
  }
}
