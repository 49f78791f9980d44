package space.lunarbase.fsw.app.rail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token that names one arm: 64 bits from {@link SecureRandom}, drawn at {@code rail.ARM},
 * written as four groups of four lowercase hex digits ({@code 9f3c-2a1b-77e0-c4d5}: the hyphens keep
 * every client reading it as text, never as a number). {@code rail.FIRE} must carry the current
 * arm's token, so a FIRE composed before the arm (kept in a sequence, replayed from an earlier arm
 * or boot, guessed) cannot fire it: a guess is right once in 2^64.
 */
record ArmToken(String text) {

  /** The written form. */
  static final Pattern FORMAT = Pattern.compile("[0-9a-f]{4}(-[0-9a-f]{4}){3}");

  ArmToken {
    if (!FORMAT.matcher(text).matches()) {
      throw new IllegalArgumentException("an arm token is 4 groups of 4 hex digits, was " + text);
    }
  }

  /** A fresh token from {@code random}. */
  static ArmToken draw(SecureRandom random) {
    byte[] bits = new byte[8];
    random.nextBytes(bits);
    String hex = HexFormat.of().formatHex(bits);
    return new ArmToken(hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-"
        + hex.substring(12, 16));
  }

  /** {@code given} as a token (upper-case hex accepted), or empty if it is not written as one. */
  static Optional<ArmToken> parse(String given) {
    String lower = given.strip().toLowerCase(Locale.ROOT);
    return FORMAT.matcher(lower).matches() ? Optional.of(new ArmToken(lower)) : Optional.empty();
  }

  /** Whether {@code other} is this token (compared in constant time). */
  boolean matches(ArmToken other) {
    return MessageDigest.isEqual(text.getBytes(StandardCharsets.US_ASCII), other.text.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return text;
  }
}
