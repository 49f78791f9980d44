package space.lunarbase.ground.cli;

import java.nio.file.Path;
import java.util.Optional;
import space.lunarbase.wire.CommandKeyDerivation;

/**
 * The key file lunarctl signs with ({@code --key-file}): a controller's ring or a signer's key from
 * provisioning ({@code bundles/NAME/command-key.yml}), read and checked by the wire protocol's
 * {@link space.lunarbase.wire.KeyFile} (so a ring the firmware accepts, lunarctl does too); a
 * signer's {@code master} gives each controller's own secret ({@link CommandKeyDerivation}).
 */
final class KeyFile {

  /**
   * One key of the file; {@link #toString()} never shows the secret.
   *
   * @param key the key as the file gives it
   * @param site the file's site (a signer's file)
   */
  record Key(space.lunarbase.wire.KeyFile.Key key, Optional<String> site) {

    String id() {
      return key.id();
    }

    String role() {
      return key.role();
    }

    /** The secret as a ring's file holds it, or the master. */
    byte[] secret() {
      return key.secret();
    }

    /**
     * The secret that signs for {@code controller} of {@code site}: the master's derivation, or the
     * shared secret itself.
     *
     * @throws IllegalArgumentException if the key is for another site
     */
    byte[] secretFor(String site, String controller) {
      if (this.site.isPresent() && !this.site.get().equals(site)) {
        throw new IllegalArgumentException("key " + id() + " is for site " + this.site.get() + ", not " + site);
      }
      return key.master() ? CommandKeyDerivation.derive(key.secret(), site, controller) : key.secret();
    }

    @Override
    public String toString() {
      return key.toString();
    }
  }

  /** The file cannot be used; the message names the file and the entry at fault, for a person. */
  static final class BadKeyFile extends Exception {
    private static final long serialVersionUID = 1L;

    BadKeyFile(Path file, String detail) {
      super(file + ": " + detail);
    }
  }

  private final Path file;
  private final space.lunarbase.wire.KeyFile parsed;

  private KeyFile(Path file, space.lunarbase.wire.KeyFile parsed) {
    this.file = file;
    this.parsed = parsed;
  }

  /** Reads and checks {@code file}. */
  static KeyFile load(Path file) throws BadKeyFile {
    try {
      return new KeyFile(file, space.lunarbase.wire.KeyFile.read(file, space.lunarbase.wire.KeyFile.Form.ANY));
    } catch (space.lunarbase.wire.KeyFile.Problem e) {
      throw new BadKeyFile(file, e.getMessage());
    }
  }

  /** The key named {@code id}, if the file holds it. */
  Optional<Key> find(String id) {
    return parsed.find(id).map(k -> new Key(k, parsed.site()));
  }

  /** The key named {@code id}; otherwise the problem names the ids the file does hold. */
  Key require(String id) throws BadKeyFile {
    return find(id).orElseThrow(() -> new BadKeyFile(file, "no key '" + id + "' (it holds "
        + String.join(", ", parsed.keys().stream().map(space.lunarbase.wire.KeyFile.Key::id).toList()) + ")"));
  }

  /** Whether the file says {@code development: true}. */
  boolean development() {
    return parsed.development();
  }
}
