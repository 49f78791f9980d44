package space.lunarbase.ground.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import space.lunarbase.site.CommandKeyDerivation;

/**
 * A command key file: the same YAML the firmware loads ({@code lunarbase.commands.key-file}; see
 * docs/subsystems/commanding.md, "Key file"), checked by the same rules so that a file one side accepts
 * the other does too; or a signer's key from provisioning ({@code bundles/NAME/command-key.yml}),
 * whose {@code master} gives each controller's own secret ({@link CommandKeyDerivation}):
 *
 * <pre>
 * site: lunar-south           # optional: the site the keys are for (a master's are)
 * development: false
 * keys:
 *   - id: ops-2027-a          # [a-z0-9-]{1,64}, unique
 *     role: operator          # operator | range-safety
 *     secret: 3f9a...         # hex, at least 32 bytes; or master: (a signer's, from provisioning)
 *     not-before: 2026-12-01T00:00:00Z   # optional
 *     not-after: 2027-12-01T00:00:00Z    # optional
 * revoked: [ ops-2026-a ]     # optional (a controller's ring)
 * </pre>
 */
final class KeyFile {

  /** Secrets shorter than this (bytes) are refused, as the firmware does. */
  static final int MIN_SECRET_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
  private static final List<String> ROLES = List.of("operator", "range-safety");

  /**
   * One key: a secret shared with the controllers ({@code derived} false), or a signer's master
   * from which each controller's secret is derived. {@link #toString()} never shows the secret.
   */
  record Key(String id, String role, byte[] secret, boolean derived, Optional<String> site) {
    Key {
      secret = secret.clone();
    }

    Key(String id, String role, byte[] secret) {
      this(id, role, secret, false, Optional.empty());
    }

    /** The secret as a ring's file holds it, or the master. */
    @Override
    public byte[] secret() {
      return secret.clone();
    }

    /**
     * The secret that signs for {@code controller} of {@code site}: the master's derivation, or the
     * shared secret itself.
     *
     * @throws IllegalArgumentException if the key is for another site
     */
    byte[] secretFor(String site, String controller) {
      if (this.site.isPresent() && !this.site.get().equals(site)) {
        throw new IllegalArgumentException("key " + id + " is for site " + this.site.get() + ", not " + site);
      }
      return derived ? CommandKeyDerivation.derive(secret, site, controller) : secret.clone();
    }

    @Override
    public String toString() {
      return "Key[" + id + ", " + role + "]";
    }
  }

  /** The file cannot be used; the message names the file and the entry at fault, for a person. */
  static final class BadKeyFile extends Exception {
    BadKeyFile(Path file, String detail) {
      super(file + ": " + detail);
    }
  }

  private final Path file;
  private final Map<String, Key> keys;
  private final boolean development;

  private KeyFile(Path file, Map<String, Key> keys, boolean development) {
    this.file = file;
    this.keys = keys;
    this.development = development;
  }

  /** Reads and checks {@code file}. */
  static KeyFile load(Path file) throws BadKeyFile {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadKeyFile(file, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new BadKeyFile(file, "is not YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new BadKeyFile(file, "must be a mapping with 'keys' (a list of id, role, secret)");
    }
    for (Object name : top.keySet()) {
      if (!List.of("keys", "development", "revoked", "site").contains(name)) {
        throw new BadKeyFile(file, "unknown entry '" + name + "' (allowed: site, development, keys, revoked)");
      }
    }
    Object siteValue = top.get("site");
    if (siteValue != null && !(siteValue instanceof String)) {
      throw new BadKeyFile(file, "site must be a site id");
    }
    Optional<String> site = Optional.ofNullable((String) siteValue);
    Object dev = top.get("development");
    if (dev != null && !(dev instanceof Boolean)) {
      throw new BadKeyFile(file, "development must be true or false");
    }
    if (!(top.get("keys") instanceof List<?> list) || list.isEmpty()) {
      throw new BadKeyFile(file, "'keys' must be a non-empty list of id, role, secret");
    }
    Map<String, Key> keys = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Key key = entry(file, i, list.get(i), site);
      if (keys.putIfAbsent(key.id(), key) != null) {
        throw new BadKeyFile(file, "keys[" + i + "] (" + key.id() + "): duplicate id");
      }
    }
    return new KeyFile(file, keys, Boolean.TRUE.equals(dev));
  }

  private static Key entry(Path file, int index, Object item, Optional<String> site) throws BadKeyFile {
    String where = "keys[" + index + "]";
    if (!(item instanceof Map<?, ?> map)) {
      throw new BadKeyFile(file, where + ": must be a mapping of id, role, secret");
    }
    for (Object name : map.keySet()) {
      if (!List.of("id", "role", "secret", "master", "not-before", "not-after").contains(name)) {
        throw new BadKeyFile(file, where + ": unknown entry '" + name
            + "' (allowed: id, role, secret or master, not-before, not-after)");
      }
    }
    if (!(map.get("id") instanceof String id) || !ID.matcher(id).matches()) {
      throw new BadKeyFile(file, where + ": id must be 1 to 64 of a-z, 0-9 and '-'");
    }
    where += " (" + id + ")";
    if (!(map.get("role") instanceof String role) || !ROLES.contains(role)) {
      throw new BadKeyFile(file, where + ": role must be operator or range-safety");
    }
    boolean derived = map.containsKey("master");
    if (derived == map.containsKey("secret")) {
      throw new BadKeyFile(file, where + ": give either secret (a ring's) or master (a signer's), not "
          + (derived ? "both" : "neither"));
    }
    String field = derived ? "master" : "secret";
    byte[] secret;
    try {
      secret = map.get(field) instanceof String s ? HexFormat.of().parseHex(s.strip()) : null;
    } catch (IllegalArgumentException e) {
      secret = null;
    }
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new BadKeyFile(file, where + ": " + field + " must be hex of at least " + MIN_SECRET_BYTES + " bytes ("
          + 2 * MIN_SECRET_BYTES + " hex digits)");
    }
    if (derived && site.isEmpty()) {
      throw new BadKeyFile(file, where + ": a master needs the file's site (site: lunar-south)");
    }
    return new Key(id, role, secret, derived, site);
  }

  /** The key named {@code id}, if the file holds it. */
  Optional<Key> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** The key named {@code id}; otherwise the problem names the ids the file does hold. */
  Key require(String id) throws BadKeyFile {
    Key key = keys.get(id);
    if (key == null) {
      throw new BadKeyFile(file, "no key '" + id + "' (it holds " + String.join(", ", keys.keySet()) + ")");
    }
    return key;
  }

  /** Whether the file says {@code development: true}. */
  boolean development() {
    return development;
  }
}
