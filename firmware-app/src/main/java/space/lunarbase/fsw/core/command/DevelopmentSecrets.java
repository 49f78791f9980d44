package space.lunarbase.fsw.core.command;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secrets published in this repository (deploy/keys/dev-keys.yml, the test rings), known by
 * their SHA-256: a ring that holds one is refused with {@code hal.mode=real} under whatever id and
 * whatever its file says, and a ring that holds nothing else is the known development ring, which a
 * simulated controller may read from a checkout whatever the file's mode.
 */
final class DevelopmentSecrets {

  private static final Set<String> FINGERPRINTS = Set.of(
      // deploy/keys/dev-keys.yml: dev-operator, dev-range-safety
      "5c259b00a8987953259019c45b884d25f9104c0d8741ba402a77b3188c75f273",
      "53ef3e7dab4ecc9c69c09e3fb625da1cbe5ea4348a9cc09d4337b35594c2f933",
      // firmware-app/src/test/resources/keys/test-keys.yml: test-operator, test-range-safety
      "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd",
      "3cbb5a2a22e372ff250903f8845e1a9cbeba77ee5f86b608561a18777f345dc2");

  private DevelopmentSecrets() {}

  /** Whether {@code key}'s secret is one of the published ones. */
  static boolean published(CommandKey key) {
    return FINGERPRINTS.contains(fingerprint(key.secret()));
  }

  /** Hex SHA-256 of {@code secret}. */
  static String fingerprint(byte[] secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
