package space.lunarbase.fsw;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the real firmware context for a test, with a private data folder and fast sampling. */
public final class Firmware {

  private Firmware() {}

  /** Test defaults: site {@code test-site}, controller {@code ctl-1}, 50 ms sampling, data in {@code dataDir}. */
  public static Map<String, Object> properties(Path dataDir, Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("lunarbase.site", "test-site");
    properties.put("lunarbase.controller", "ctl-1");
    properties.put("lunarbase.data-dir", dataDir.toString());
    properties.put("lunarbase.bank.sample-period", "50ms");
    properties.put("lunarbase.link.keepalive", "2s");
    properties.put("lunarbase.link.reconnect-max", "500ms");
    properties.put("hal.mode", "sim");
    properties.put("lunarbase.commands.key-file", space.lunarbase.fsw.core.command.TestKeys.file().toString());
    properties.putAll(overrides);
    return properties;
  }

  public static ApplicationContext start(Path dataDir, Map<String, Object> overrides) {
    return ApplicationContext.run(properties(dataDir, overrides));
  }

  /**
   * A board file with only the demo board's bank ({@code deploy/boards/demo.yml} up to its next
   * top-level section), written into {@code dir}: for tests that count what the bank alone sends.
   */
  public static Path bankOnlyBoard(Path dir) {
    Path demo = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null && demo == null; d = d.getParent()) {
      Path file = d.resolve("deploy/boards/demo.yml");
      demo = Files.isRegularFile(file) ? file : null;
    }
    if (demo == null) {
      throw new IllegalStateException("deploy/boards/demo.yml not found above " + Path.of("").toAbsolutePath());
    }
    try {
      StringBuilder bank = new StringBuilder();
      boolean inBank = false;
      for (String line : Files.readAllLines(demo)) {
        boolean topLevel = !line.isEmpty() && Character.isLetter(line.charAt(0));
        if (topLevel) {
          inBank = line.startsWith("bank:");
        }
        if (inBank) {
          bank.append(line).append('\n');
        }
      }
      if (bank.isEmpty()) {
        throw new IllegalStateException(demo + " has no bank section");
      }
      return Files.writeString(dir.resolve("bank-only.yml"), bank);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The topic of a stream of the test controller. */
  public static String topic(String stream) {
    return "lunarbase/v1/test-site/ctl-1/" + stream;
  }
}
