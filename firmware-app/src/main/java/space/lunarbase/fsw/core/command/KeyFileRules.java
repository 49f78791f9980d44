package space.lunarbase.fsw.core.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import space.lunarbase.fsw.config.InvalidConfigException;

/**
 * Loads a key file as the controller may use it, at start and on every reload:
 *
 * <ul>
 *   <li>the file is its owner's only: readable or writable by its group or others, it is refused
 *       naming its mode and {@code chmod 600} (a simulated controller exempts the known development
 *       ring, which git checks out 0644);
 *   <li>with {@code hal.mode=real}, a ring saying {@code development: true}, or holding a published
 *       development secret under any id ({@link DevelopmentSecrets}), is refused.
 * </ul>
 */
final class KeyFileRules {

  static final String KEY = "lunarbase.commands.key-file";
  private static final Set<PosixFilePermission> OWNER_ONLY_FORBIDS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final boolean real;

  /** Rules for a controller with {@code hal.mode=real} ({@code real}) or a simulated one. */
  KeyFileRules(boolean real) {
    this.real = real;
  }

  /** The ring in {@code file}; an {@link InvalidConfigException} with one line naming the fault. */
  KeyRing load(Path file) {
    KeyRing ring = KeyRing.load(file);
    if (real && ring.development()) {
      throw new InvalidConfigException(KEY, file
          + ": a development key ring (development: true) is refused with hal.mode=real; make the site's own");
    }
    if (real) {
      for (CommandKey key : ring.keys()) {
        if (DevelopmentSecrets.published(key)) {
          throw new InvalidConfigException(KEY, file + ": key " + key.id() + " has a published development secret"
              + " (SHA-256 " + DevelopmentSecrets.fingerprint(key.secret()).substring(0, 16)
              + "...): refused with hal.mode=real; make the site's own");
        }
      }
    }
    boolean developmentOnly = ring.size() > 0 && ring.keys().stream().allMatch(DevelopmentSecrets::published);
    if (real || !developmentOnly) {
      checkMode(file);
    }
    return ring;
  }

  private static void checkMode(Path file) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system: nothing to check
    } catch (IOException e) {
      throw new InvalidConfigException(KEY, file + ": cannot read its mode (" + e.getMessage() + ")");
    }
    Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
    open.addAll(permissions);
    open.retainAll(OWNER_ONLY_FORBIDS);
    if (!open.isEmpty()) {
      throw new InvalidConfigException(KEY, file + " is readable or writable by group or others (mode "
          + mode(permissions) + "): a key file must be its owner's only; chmod 600 " + file);
    }
  }

  /** Octal mode, e.g. {@code 0644}. */
  static String mode(Set<PosixFilePermission> permissions) {
    int bits = 0;
    String text = PosixFilePermissions.toString(permissions);
    for (int i = 0; i < 9; i++) {
      bits = bits << 1 | (text.charAt(i) == '-' ? 0 : 1);
    }
    return String.format("0%03o", bits);
  }
}
