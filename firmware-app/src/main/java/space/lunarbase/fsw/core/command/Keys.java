package space.lunarbase.fsw.core.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import space.lunarbase.fsw.config.InvalidConfigException;

/**
 * The key ring in force, and the way to replace it while commands flow: {@link #reload} reads the
 * key file again under the same rules as at start ({@link KeyFileRules}) and swaps the ring in only
 * if the whole file passes; otherwise the ring before it stays. Readers take {@link #current} once
 * per command: a command judged after a reload completed is judged by the new ring. Replay
 * counters live in {@link ReplayGuard} by key id, so a key that stays keeps its high-water mark.
 */
public final class Keys {

  /** What a reload did. */
  public sealed interface Reload {
    /** The new ring is in force; {@code summary} names the keys added, removed and revoked. */
    record Reloaded(KeyRing ring, String summary) implements Reload {}

    /** The file could not be used ({@code fault} names it); the ring before it stays. */
    record Refused(String fault) implements Reload {}
  }

  private final Optional<Path> file;
  private final KeyFileRules rules;
  private volatile KeyRing ring;

  private Keys(Optional<Path> file, KeyFileRules rules, KeyRing ring) {
    this.file = file;
    this.rules = rules;
    this.ring = ring;
  }

  /**
   * The ring in {@code file}, for a controller with {@code hal.mode=real} ({@code real}) or a
   * simulated one.
   *
   * @throws InvalidConfigException one line naming the file and the fault
   */
  public static Keys open(Path file, boolean real) {
    KeyFileRules rules = new KeyFileRules(real);
    return new Keys(Optional.of(file), rules, rules.load(file));
  }

  /** A ring that is never reloaded (it has no file). */
  public static Keys fixed(KeyRing ring) {
    return new Keys(Optional.empty(), new KeyFileRules(false), ring);
  }

  /** The ring in force. */
  public KeyRing current() {
    return ring;
  }

  /** The key file, if the ring has one. */
  public Optional<Path> file() {
    return file;
  }

  /** Reads the key file again and puts its ring in force if it passes every check. */
  public synchronized Reload reload() {
    if (file.isEmpty()) {
      return new Reload.Refused("the key ring has no file to reload");
    }
    KeyRing next;
    try {
      next = rules.load(file.get());
    } catch (InvalidConfigException e) {
      return new Reload.Refused(e.getMessage());
    } catch (RuntimeException e) {
      return new Reload.Refused(file.get() + ": " + e);
    }
    KeyRing before = ring;
    ring = next;
    return new Reload.Reloaded(next, summary(before, next));
  }

  private static String summary(KeyRing before, KeyRing next) {
    Set<String> had = ids(before);
    Set<String> has = ids(next);
    List<String> parts = new ArrayList<>();
    parts.add(has.size() + " key(s)");
    Set<String> added = new TreeSet<>(has);
    added.removeAll(had);
    Set<String> removed = new TreeSet<>(had);
    removed.removeAll(has);
    Set<String> changed = new TreeSet<>();
    for (String id : has) {
      if (had.contains(id) && !before.find(id).equals(next.find(id))) {
        changed.add(id);
      }
    }
    if (!added.isEmpty()) {
      parts.add("added " + String.join(", ", added));
    }
    if (!changed.isEmpty()) {
      parts.add("changed " + String.join(", ", changed));
    }
    if (!removed.isEmpty()) {
      parts.add("removed " + String.join(", ", removed));
    }
    if (!next.revoked().isEmpty()) {
      parts.add("revoked " + String.join(", ", new TreeSet<>(next.revoked())));
    }
    return String.join("; ", parts);
  }

  private static Set<String> ids(KeyRing ring) {
    Set<String> ids = new TreeSet<>();
    ring.keys().forEach(k -> ids.add(k.id()));
    return ids;
  }
}
