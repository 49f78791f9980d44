package space.lunarbase.site;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One signer's command key as provisioning keeps it ({@code keys/NAME.yml}) and hands it out
 * ({@code bundles/NAME/command-key.yml}): the key id (the signer's name), its role, the master
 * secret every controller's secret is derived from ({@link CommandKeyDerivation}) and its validity.
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
    return "# " + id + "'s command key for site " + site + " (lunarctl send ... --key-file THIS --key " + id + "):\n"
        + "# lunarctl derives each controller's secret from the master. Keep it as you keep your TLS key.\n"
        + "site: " + site + "\n"
        + "keys:\n"
        + "  - id: " + id + "\n"
        + "    role: " + role + "\n"
        + "    master: " + HexFormat.of().formatHex(master) + "\n"
        + "    not-before: " + notBefore + "\n"
        + "    not-after: " + notAfter + "\n";
  }

  /** Reads a file {@link #yaml} wrote; {@code source} names it in the message of a problem. */
  static SignerKey parse(byte[] bytes, String source) {
    try {
      Map<?, ?> top = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
      Map<?, ?> key = (Map<?, ?>) ((List<?>) top.get("keys")).getFirst();
      return new SignerKey(String.valueOf(top.get("site")), String.valueOf(key.get("id")),
          String.valueOf(key.get("role")), HexFormat.of().parseHex(String.valueOf(key.get("master"))),
          instant(key.get("not-before")), instant(key.get("not-after")));
    } catch (RuntimeException e) {
      throw new SiteException(SiteException.Kind.FOLDER, source + " is not a command key file provisioning wrote ("
          + e.getMessage() + "): put it back, or give it a new key with --reissue");
    }
  }

  private static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(value));
  }

  @Override
  public String toString() {
    return "SignerKey[" + id + ", " + role + "]";
  }
}
