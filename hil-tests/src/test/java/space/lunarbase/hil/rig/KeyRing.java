package space.lunarbase.hil.rig;

import java.nio.file.Path;
import space.lunarbase.wire.KeyFile;

/**
 * The operator's secrets: a key file in the firmware's format, read by the wire protocol's
 * {@link KeyFile} (a ring's form), by default the development ring {@code deploy/keys/dev-keys.yml}
 * the simulated controller trusts.
 */
public final class KeyRing {

  private final KeyFile file;

  private KeyRing(KeyFile file) {
    this.file = file;
  }

  /** Reads {@code file}; throws {@link IllegalArgumentException} naming it when it cannot be used. */
  public static KeyRing load(Path file) {
    try {
      return new KeyRing(KeyFile.read(file, KeyFile.Form.RING));
    } catch (KeyFile.Problem e) {
      throw new IllegalArgumentException("the key file " + file + " " + e.getMessage(), e);
    }
  }

  /** The development ring of the repository, which {@code ./run-sim} trusts by default. */
  public static KeyRing development() {
    return load(FirmwareProcess.projectRoot().resolve("deploy/keys/dev-keys.yml"));
  }

  /** Whether the ring holds a key {@code id}. */
  public boolean has(String id) {
    return file.find(id).isPresent();
  }

  /** Key {@code id}; throws if the ring has none of that name. */
  public KeyFile.Key key(String id) {
    return file.find(id).orElseThrow(() -> new IllegalArgumentException("no key " + id + " in the ring: "
        + file.keys().stream().map(KeyFile.Key::id).toList()));
  }
}
