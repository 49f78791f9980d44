package space.lunarbase.fsw.core.command;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** The keys of {@code src/test/resources/keys/test-keys.yml}, for signing test commands. */
public final class TestKeys {

  public static final CommandKey OPERATOR = new CommandKey("test-operator", Role.OPERATOR,
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
  public static final CommandKey RANGE_SAFETY = new CommandKey("test-range-safety", Role.RANGE_SAFETY,
      HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f"));
  /** A key the controller does not hold. */
  public static final CommandKey STRANGER = new CommandKey("stranger", Role.OPERATOR, new byte[32]);

  private TestKeys() {}

  /** The key file on disk (test classpath). */
  public static Path file() {
    try {
      return Path.of(TestKeys.class.getResource("/keys/test-keys.yml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ring the file holds. */
  public static KeyRing ring() {
    return new KeyRing(List.of(OPERATOR, RANGE_SAFETY), true);
  }

  /** The ring, in force for good (never reloaded). */
  public static Keys keys() {
    return Keys.fixed(ring());
  }
}
