package space.lunarbase.fsw.core.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import space.lunarbase.fsw.config.InvalidConfigException;

/**
 * The keys this controller accepts commands from, and the ids it refuses as revoked, from a YAML
 * key file (loaded at start, and again on a reload: {@link Keys}):
 *
 * <pre>
 * development: false          # true marks a development ring: refused with hal.mode=real
 * keys:
 *   - id: ops-2027-a          # [a-z0-9-]{1,64}, unique
 *     role: operator          # operator | range-safety
 *     secret: 6f1c...         # hex, at least 32 bytes (64 hex digits)
 *     not-before: 2026-12-01T00:00:00Z   # optional: valid from (default: always)
 *     not-after: 2027-12-01T00:00:00Z    # optional: valid until (default: never expires)
 * revoked: [ ops-2026-a ]     # optional: ids refused as KEY_REVOKED
 * </pre>
 *
 * A file that cannot be used is one {@link InvalidConfigException} line naming the file and the
 * entry at fault.
 */
public final class KeyRing {

  private static final String KEY = "lunarbase.commands.key-file";
  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

  private final Map<String, CommandKey> keys;
  private final CommandKey[] ordered;
  private final byte[][] idBytes;
  private final boolean development;
  private final Set<String> revoked;
  private final byte[][] revokedBytes;

  public KeyRing(List<CommandKey> keys, boolean development) {
    this(keys, development, Set.of());
  }

  /** A ring of {@code keys} that refuses the ids in {@code revoked} as revoked. */
  public KeyRing(List<CommandKey> keys, boolean development, Set<String> revoked) {
    Map<String, CommandKey> byId = new LinkedHashMap<>();
    keys.forEach(k -> byId.put(k.id(), k));
    this.keys = Map.copyOf(byId);
    this.ordered = byId.values().toArray(CommandKey[]::new);
    this.idBytes = new byte[ordered.length][];
    for (int i = 0; i < ordered.length; i++) {
      idBytes[i] = ordered[i].id().getBytes(StandardCharsets.UTF_8);
    }
    this.development = development;
    this.revoked = Set.copyOf(revoked);
    this.revokedBytes = this.revoked.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
  }

  /** The ids this ring refuses as revoked. */
  public Set<String> revoked() {
    return revoked;
  }

  /** Whether the UTF-8 id in {@code bytes[offset, offset+length)} is revoked; allocates nothing. */
  public boolean revoked(byte[] bytes, int offset, int length) {
    for (byte[] id : revokedBytes) {
      if (java.util.Arrays.equals(id, 0, id.length, bytes, offset, offset + length)) {
        return true;
      }
    }
    return false;
  }

  /** Every key, in file order. */
  public List<CommandKey> keys() {
    return List.of(ordered);
  }

  /** The key named {@code id}, if the ring holds it. */
  public Optional<CommandKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /**
   * The index ({@code 0 .. size-1}) of the key whose id is the UTF-8 in {@code bytes[offset,
   * offset+length)}, or -1: a look-up that allocates nothing, for judging a flood.
   */
  public int indexOf(byte[] bytes, int offset, int length) {
    for (int i = 0; i < idBytes.length; i++) {
      if (java.util.Arrays.equals(idBytes[i], 0, idBytes[i].length, bytes, offset, offset + length)) {
        return i;
      }
    }
    return -1;
  }

  /** The key at {@code index} (see {@link #indexOf}). */
  public CommandKey key(int index) {
    return ordered[index];
  }

  public int size() {
    return keys.size();
  }

  /** Whether the file said {@code development: true}. */
  public boolean development() {
    return development;
  }

  /** Reads and checks a key file. */
  public static KeyRing load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw problem(file, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw problem(file, "is not YAML: " + e.getMessage().replace('\n', ' '));
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw problem(file, "must be a mapping with 'keys' (a list of id, role, secret)");
    }
    for (Object name : top.keySet()) {
      if (!List.of("keys", "development", "revoked").contains(name)) {
        throw problem(file, "unknown entry '" + name + "' (allowed: development, keys, revoked)");
      }
    }
    Object dev = top.get("development");
    if (dev != null && !(dev instanceof Boolean)) {
      throw problem(file, "development must be true or false");
    }
    // an empty list only beside revoked ids: a controller all of whose signers were revoked
    boolean anyRevoked = top.get("revoked") instanceof List<?> r && !r.isEmpty();
    if (!(top.get("keys") instanceof List<?> list) || list.isEmpty() && !anyRevoked) {
      throw problem(file, "'keys' must be a non-empty list of id, role, secret");
    }
    Map<String, CommandKey> keys = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      CommandKey key = entry(file, i, list.get(i));
      if (keys.putIfAbsent(key.id(), key) != null) {
        throw problem(file, "keys[" + i + "] (" + key.id() + "): duplicate id");
      }
    }
    Set<String> revoked = new LinkedHashSet<>();
    Object listed = top.get("revoked");
    if (listed != null && !(listed instanceof List<?>)) {
      throw problem(file, "revoked must be a list of key ids, e.g. [ops-2026-a]");
    }
    for (Object id : listed == null ? List.of() : (List<?>) listed) {
      if (!(id instanceof String r) || !ID.matcher(r).matches()) {
        throw problem(file, "revoked: '" + id + "' is not a key id (1 to 64 of a-z, 0-9 and '-')");
      }
      if (keys.containsKey(r)) {
        throw problem(file, "revoked: " + r + " is also under keys: a key is either in the ring or revoked");
      }
      revoked.add(r);
    }
    return new KeyRing(List.copyOf(keys.values()), Boolean.TRUE.equals(dev), revoked);
  }

  private static CommandKey entry(Path file, int index, Object item) {
    String where = "keys[" + index + "]";
    if (!(item instanceof Map<?, ?> map)) {
      throw problem(file, where + ": must be a mapping of id, role, secret");
    }
    for (Object name : map.keySet()) {
      if (!List.of("id", "role", "secret", "not-before", "not-after").contains(name)) {
        throw problem(file, where + ": unknown entry '" + name
            + "' (allowed: id, role, secret, not-before, not-after)");
      }
    }
    if (!(map.get("id") instanceof String id) || !ID.matcher(id).matches()) {
      throw problem(file, where + ": id must be 1 to 64 of a-z, 0-9 and '-'");
    }
    where += " (" + id + ")";
    Role role = map.get("role") instanceof String r ? Role.byLabel(r).orElse(null) : null;
    if (role == null) {
      throw problem(file, where + ": role must be operator or range-safety");
    }
    byte[] secret;
    try {
      secret = map.get("secret") instanceof String s ? HexFormat.of().parseHex(s.strip()) : null;
    } catch (IllegalArgumentException e) {
      secret = null;
    }
    if (secret == null || secret.length < CommandKey.MIN_SECRET_BYTES) {
      throw problem(file, where + ": secret must be hex of at least " + CommandKey.MIN_SECRET_BYTES + " bytes ("
          + 2 * CommandKey.MIN_SECRET_BYTES + " hex digits)");
    }
    Instant notBefore = instant(file, where, "not-before", map.get("not-before"), Instant.MIN);
    Instant notAfter = instant(file, where, "not-after", map.get("not-after"), Instant.MAX);
    if (!notBefore.isBefore(notAfter)) {
      throw problem(file, where + ": not-before " + notBefore + " is not before not-after " + notAfter);
    }
    return new CommandKey(id, role, secret, notBefore, notAfter);
  }

  /** A time given as ISO-8601 UTC text (SnakeYAML reads an unquoted one as a Date). */
  private static Instant instant(Path file, String where, String name, Object value, Instant absent) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    try {
      return Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw problem(file, where + ": " + name + " '" + value + "' is not a UTC time like 2027-01-31T00:00:00Z");
    }
  }

  private static InvalidConfigException problem(Path file, String detail) {
    return new InvalidConfigException(KEY, file + ": " + detail);
  }
}
