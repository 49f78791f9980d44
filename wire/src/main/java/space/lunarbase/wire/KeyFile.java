package space.lunarbase.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A command key file, the YAML a controller's ring ({@code lunarbase.commands.key-file}) and a
 * signer's key from provisioning ({@code command-key.yml}) are written in; one reader and one writer
 * for the firmware, lunarctl, the rig and site provisioning:
 *
 * <pre>
 * site: lunar-south           # a signer's file only: the site its master is for
 * development: false          # true marks a development ring: the firmware refuses it with hal.mode=real
 * keys:
 *   - id: ops-2027-a          # [a-z0-9-]{1,64}, unique
 *     role: operator          # operator | range-safety
 *     secret: 6f1c...         # hex, at least 32 bytes; a signer's file gives master: instead
 *     not-before: 2026-12-01T00:00:00Z   # optional: valid from (default: always)
 *     not-after: 2027-12-01T00:00:00Z    # optional: valid until (default: never expires)
 * revoked: [ ops-2026-a ]     # optional: ids refused as revoked
 * </pre>
 *
 * A {@link Form#RING} holds secrets only (what a board loads); {@link Form#ANY} also takes a
 * signer's {@code site} and {@code master} (what lunarctl loads). A file that cannot be used is one
 * {@link Problem} naming the entry at fault.
 *
 * @param site the site of a signer's file
 * @param development whether the file says {@code development: true}
 * @param keys the keys, in file order, ids unique
 * @param revoked ids refused as revoked (none of them among {@code keys})
 */
public record KeyFile(Optional<String> site, boolean development, List<Key> keys, Set<String> revoked) {

  /** Secrets (and masters) shorter than this (bytes) are refused: HMAC-SHA256 wants at least its output size. */
  public static final int MIN_SECRET_BYTES = 32;
  /** The roles a key may have. */
  public static final List<String> ROLES = List.of("operator", "range-safety");

  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

  /** Which files a reader takes. */
  public enum Form {
    /** A controller's ring: secrets only, no site. */
    RING,
    /** A ring or a signer's file (site and masters). */
    ANY
  }

  /** The file cannot be used; the message names the entry at fault, for a person. */
  public static final class Problem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Problem(String detail) {
      super(detail);
    }
  }

  /**
   * One key: a secret shared with the controller ({@code master} false), or a signer's master from
   * which each controller's secret is derived ({@link CommandKeyDerivation}). Validity is inclusive;
   * {@link Instant#MIN} and {@link Instant#MAX} when the file gives none. {@link #toString()} never
   * shows the secret.
   */
  public record Key(String id, String role, byte[] secret, boolean master, Instant notBefore, Instant notAfter) {
    /** Copies the secret. */
    public Key {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notAfter, "notAfter");
      secret = secret.clone();
    }

    /** A ring's key valid at any time. */
    public Key(String id, String role, byte[] secret) {
      this(id, role, secret, false, Instant.MIN, Instant.MAX);
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && k.id.equals(id) && k.role.equals(role) && k.master == master
          && java.security.MessageDigest.isEqual(k.secret, secret) && k.notBefore.equals(notBefore)
          && k.notAfter.equals(notAfter);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, role);
    }

    @Override
    public String toString() {
      return "Key[" + id + ", " + role + "]";
    }
  }

  /** Copies the lists. */
  public KeyFile {
    Objects.requireNonNull(site, "site");
    keys = List.copyOf(keys);
    revoked = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(revoked));
  }

  /** The key named {@code id}, if the file holds it. */
  public Optional<Key> find(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /**
   * Reads and checks {@code file}.
   *
   * @throws Problem when it cannot be read or used; the message does not name the file
   */
  public static KeyFile read(Path file, Form form) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Problem("cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    return parse(text, form);
  }

  /**
   * Parses and checks the text of a key file.
   *
   * @throws Problem when it cannot be used
   */
  public static KeyFile parse(String text, Form form) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new Problem("is not YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new Problem("must be a mapping with 'keys' (a list of id, role, secret)");
    }
    List<String> allowed = form == Form.ANY ? List.of("site", "development", "keys", "revoked")
        : List.of("development", "keys", "revoked");
    for (Object name : top.keySet()) {
      if (!allowed.contains(name)) {
        throw new Problem("unknown entry '" + name + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
    Object siteValue = top.get("site");
    if (siteValue != null && !(siteValue instanceof String s && ID.matcher(s).matches())) {
      throw new Problem("site must be a site id");
    }
    Optional<String> site = Optional.ofNullable((String) siteValue);
    Object dev = top.get("development");
    if (dev != null && !(dev instanceof Boolean)) {
      throw new Problem("development must be true or false");
    }
    // an empty list only beside revoked ids: a controller all of whose signers were revoked
    boolean anyRevoked = top.get("revoked") instanceof List<?> r && !r.isEmpty();
    if (!(top.get("keys") instanceof List<?> list) || list.isEmpty() && !anyRevoked) {
      throw new Problem("'keys' must be a non-empty list of id, role, secret");
    }
    Map<String, Key> keys = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Key key = entry(i, list.get(i), form, site);
      if (keys.putIfAbsent(key.id(), key) != null) {
        throw new Problem("keys[" + i + "] (" + key.id() + "): duplicate id");
      }
    }
    Set<String> revoked = new LinkedHashSet<>();
    Object listed = top.get("revoked");
    if (listed != null && !(listed instanceof List<?>)) {
      throw new Problem("revoked must be a list of key ids, e.g. [ops-2026-a]");
    }
    for (Object id : listed == null ? List.of() : (List<?>) listed) {
      if (!(id instanceof String r) || !ID.matcher(r).matches()) {
        throw new Problem("revoked: '" + id + "' is not a key id (1 to 64 of a-z, 0-9 and '-')");
      }
      if (keys.containsKey(r)) {
        throw new Problem("revoked: " + r + " is also under keys: a key is either in the ring or revoked");
      }
      revoked.add(r);
    }
    return new KeyFile(site, Boolean.TRUE.equals(dev), new ArrayList<>(keys.values()), revoked);
  }

  private static Key entry(int index, Object item, Form form, Optional<String> site) {
    String where = "keys[" + index + "]";
    if (!(item instanceof Map<?, ?> map)) {
      throw new Problem(where + ": must be a mapping of id, role, secret");
    }
    List<String> allowed = form == Form.ANY ? List.of("id", "role", "secret", "master", "not-before", "not-after")
        : List.of("id", "role", "secret", "not-before", "not-after");
    for (Object name : map.keySet()) {
      if (!allowed.contains(name)) {
        throw new Problem(where + ": unknown entry '" + name + "' (allowed: "
            + (form == Form.ANY ? "id, role, secret or master, not-before, not-after" : String.join(", ", allowed))
            + ")");
      }
    }
    if (!(map.get("id") instanceof String id) || !ID.matcher(id).matches()) {
      throw new Problem(where + ": id must be 1 to 64 of a-z, 0-9 and '-'");
    }
    where += " (" + id + ")";
    if (!(map.get("role") instanceof String role) || !ROLES.contains(role)) {
      throw new Problem(where + ": role must be operator or range-safety");
    }
    boolean master = map.containsKey("master");
    if (form == Form.ANY && master == map.containsKey("secret")) {
      throw new Problem(where + ": give either secret (a ring's) or master (a signer's), not "
          + (master ? "both" : "neither"));
    }
    String field = master ? "master" : "secret";
    byte[] secret;
    try {
      secret = map.get(field) instanceof String s ? HexFormat.of().parseHex(s.strip()) : null;
    } catch (IllegalArgumentException e) {
      secret = null;
    }
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new Problem(where + ": " + field + " must be hex of at least " + MIN_SECRET_BYTES + " bytes ("
          + 2 * MIN_SECRET_BYTES + " hex digits)");
    }
    if (master && site.isEmpty()) {
      throw new Problem(where + ": a master needs the file's site (site: lunar-south)");
    }
    Instant notBefore = instant(where, "not-before", map.get("not-before"), Instant.MIN);
    Instant notAfter = instant(where, "not-after", map.get("not-after"), Instant.MAX);
    if (!notBefore.isBefore(notAfter)) {
      throw new Problem(where + ": not-before " + notBefore + " is not before not-after " + notAfter);
    }
    return new Key(id, role, secret, master, notBefore, notAfter);
  }

  /** A time given as ISO-8601 UTC text (SnakeYAML reads an unquoted one as a Date). */
  private static Instant instant(String where, String name, Object value, Instant absent) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    try {
      return Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new Problem(where + ": " + name + " '" + value + "' is not a UTC time like 2027-01-31T00:00:00Z");
    }
  }

  /** Hex as YAML reads it back as text: quoted when it could pass for a number (only digits and {@code e}). */
  private static String scalar(String hex) {
    return hex.chars().anyMatch(c -> c >= 'a' && c <= 'f' && c != 'e') ? hex : "\"" + hex + "\"";
  }

  /**
   * The file's text after {@code comment} (each line written as a {@code #} line); what
   * {@link #parse} reads back as this file. An empty ring (every key revoked) is {@code keys: []}.
   */
  public String yaml(String comment) {
    StringBuilder out = new StringBuilder();
    comment.lines().forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    site.ifPresent(s -> out.append("site: ").append(s).append('\n'));
    if (development) {
      out.append("development: true\n");
    }
    out.append(keys.isEmpty() ? "keys: []   # every signer of this controller is revoked\n" : "keys:\n");
    for (Key key : keys) {
      out.append("  - id: ").append(key.id()).append('\n')
          .append("    role: ").append(key.role()).append('\n')
          .append("    ").append(key.master() ? "master" : "secret").append(": ")
          .append(scalar(HexFormat.of().formatHex(key.secret))).append('\n');
      if (!key.notBefore().equals(Instant.MIN)) {
        out.append("    not-before: ").append(key.notBefore()).append('\n');
      }
      if (!key.notAfter().equals(Instant.MAX)) {
        out.append("    not-after: ").append(key.notAfter()).append('\n');
      }
    }
    if (!revoked.isEmpty()) {
      out.append("revoked: [").append(String.join(", ", revoked)).append("]\n");
    }
    return out.toString();
  }
}
