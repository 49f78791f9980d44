package space.lunarbase.fsw.core.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.wire.KeyFile;

/**
 * The keys this controller accepts commands from, and the ids it refuses as revoked, from a YAML
 * key file read by the wire protocol's {@link KeyFile} (loaded at start, and again on a reload:
 * {@link Keys}):
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

  /** Reads and checks a key file ({@link KeyFile}, a ring's form). */
  public static KeyRing load(Path file) {
    KeyFile parsed;
    try {
      parsed = KeyFile.read(file, KeyFile.Form.RING);
    } catch (KeyFile.Problem e) {
      throw problem(file, e.getMessage());
    }
    List<CommandKey> keys = parsed.keys().stream().map(k -> new CommandKey(k.id(),
        Role.byLabel(k.role()).orElseThrow(), k.secret(), k.notBefore(), k.notAfter())).toList();
    return new KeyRing(keys, parsed.development(), parsed.revoked());
  }

  private static InvalidConfigException problem(Path file, String detail) {
    return new InvalidConfigException(KEY, file + ": " + detail);
  }
}
