package space.lunarbase.site;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.wire.KeyFile;

/**
 * One signer's command key as provisioning keeps it ({@code keys/NAME.yml}) and hands it out
 * ({@code bundles/NAME/command-key.yml}): the key id (the signer's name), its role, the master
 * secret every controller's secret is derived from ({@link space.lunarbase.wire.CommandKeyDerivation}) and its validity.
 * The file is a lunarctl key file ({@code --key-file}); the firmware refuses it (a board never holds
 * a master).
 *
 * @param site the site the key is for
 * @param id the key id, the signer's name
 * @param role {@code operator} or {@code range-safety}
 * @param master the master secret
 * @param notBefore valid from
 * @param notAfter valid until
 */
record SignerKey(String site, String id, String role, byte[] master, Instant notBefore, Instant notAfter) {

  static final String OPERATOR = "operator";
  static final String RANGE_SAFETY = "range-safety";

  SignerKey {
    master = master.clone();
  }

  @Override
  public byte[] master() {
    return master.clone();
  }

  /** The same key with another role. */
  SignerKey withRole(String newRole) {
    return new SignerKey(site, id, newRole, master, notBefore, notAfter);
  }

  /** The key file's text. */
  String yaml() {
    return new KeyFile(Optional.of(site), false, List.of(new KeyFile.Key(id, role, master, true, notBefore, notAfter)),
        Set.of()).yaml(id + "'s command key for site " + site + " (lunarctl send ... --key-file THIS --key " + id + "):\n"
        + "lunarctl derives each controller's secret from the master. Keep it as you keep your TLS key.");
  }

  /** Reads a file {@link #yaml} wrote; {@code source} names it in the message of a problem. */
  static SignerKey parse(byte[] bytes, String source) {
    try {
      KeyFile file = KeyFile.parse(new String(bytes, StandardCharsets.UTF_8), KeyFile.Form.ANY);
      KeyFile.Key key = file.keys().getFirst();
      if (!key.master() || file.keys().size() != 1) {
        throw new IllegalArgumentException("not one master key");
      }
      return new SignerKey(file.site().orElseThrow(), key.id(), key.role(), key.secret(), key.notBefore(),
          key.notAfter());
    } catch (RuntimeException e) {
      throw new SiteException(SiteException.Kind.FOLDER, source + " is not a command key file provisioning wrote ("
          + e.getMessage() + "): put it back, or give it a new key with --reissue");
    }
  }

  @Override
  public String toString() {
    return "SignerKey[" + id + ", " + role + "]";
  }
}
