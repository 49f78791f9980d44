package space.lunarbase.wire;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) under one command key, checked against a MAC in place: a slice of a
 * received message is hashed where it lies and compared in constant time, so a flood of forged
 * messages is judged without allocating (javax.crypto's {@code Mac.doFinal} returns a new array each
 * time). Gives the same bytes as {@code Mac.getInstance("HmacSHA256")} and {@link CommandSignature}.
 * Not thread-safe: one per thread.
 */
public final class CommandMac {

  /** Bytes of an HMAC-SHA256. */
  public static final int LENGTH = 32;
  private static final int BLOCK = 64;

  private final MessageDigest sha;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];
  private final byte[] digest = new byte[LENGTH];

  /** The MAC under {@code secret} (any length; RFC 2104 hashes one longer than a block). */
  public CommandMac(byte[] secret) {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    byte[] key = secret.length > BLOCK ? sha.digest(secret) : secret;
    for (int i = 0; i < BLOCK; i++) {
      byte k = i < key.length ? key[i] : 0;
      innerPad[i] = (byte) (k ^ 0x36);
      outerPad[i] = (byte) (k ^ 0x5c);
    }
  }

  /**
   * Whether {@code mac[macOffset, macOffset+macLength)} is the HMAC of {@code message[offset,
   * offset+length)}; the comparison takes the same time wherever the bytes differ.
   */
  public boolean verifies(byte[] message, int offset, int length, byte[] mac, int macOffset, int macLength) {
    compute(message, offset, length);
    if (macLength != LENGTH) {
      return false;
    }
    int difference = 0;
    for (int i = 0; i < LENGTH; i++) {
      difference |= digest[i] ^ mac[macOffset + i];
    }
    return difference == 0;
  }

  /** The HMAC of {@code message[offset, offset+length)}, as a new array. */
  public byte[] mac(byte[] message, int offset, int length) {
    compute(message, offset, length);
    return Arrays.copyOf(digest, LENGTH);
  }

  private void compute(byte[] message, int offset, int length) {
    try {
      sha.update(innerPad, 0, BLOCK);
      sha.update(message, offset, length);
      sha.digest(digest, 0, LENGTH);
      sha.update(outerPad, 0, BLOCK);
      sha.update(digest, 0, LENGTH);
      sha.digest(digest, 0, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
    }
  }
}
