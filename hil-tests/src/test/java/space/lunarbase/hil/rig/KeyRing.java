package space.lunarbase.hil.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operator's secrets: a key file in the firmware's format (docs/subsystems/commanding.md, "Key
 * file"), by default the development ring {@code deploy/keys/dev-keys.yml} the simulated
 * controller trusts. Checking the file is the firmware's and lunarctl's job; the rig only reads it.
 */
public final class KeyRing {

  /** One key; {@link #toString()} never shows the secret. */
  public record Key(String id, String role, byte[] secret) {
    public Key {
      secret = secret.clone();
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public String toString() {
      return "Key[" + id + ", " + role + "]";
    }
  }

  private final Map<String, Key> keys;

  private KeyRing(Map<String, Key> keys) {
    this.keys = Map.copyOf(keys);
  }

  /** Reads {@code file}. */
  public static KeyRing load(Path file) {
    try {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      Map<String, Key> keys = new LinkedHashMap<>();
      for (Object entry : (List<?>) root.get("keys")) {
        Map<?, ?> k = (Map<?, ?>) entry;
        String id = String.valueOf(k.get("id"));
        keys.put(id, new Key(id, String.valueOf(k.get("role")), HexFormat.of().parseHex(String.valueOf(k.get("secret")))));
      }
      return new KeyRing(keys);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key file " + file, e);
    }
  }

  /** The development ring of the repository, which {@code ./run-sim} trusts by default. */
  public static KeyRing development() {
    return load(FirmwareProcess.projectRoot().resolve("deploy/keys/dev-keys.yml"));
  }

  /** Whether the ring holds a key {@code id}. */
  public boolean has(String id) {
    return keys.containsKey(id);
  }

  /** Key {@code id}; throws if the ring has none of that name. */
  public Key key(String id) {
    Key key = keys.get(id);
    if (key == null) {
      throw new IllegalArgumentException("no key " + id + " in the ring: " + keys.keySet());
    }
    return key;
  }
}
