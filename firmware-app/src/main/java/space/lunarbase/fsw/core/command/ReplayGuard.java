package space.lunarbase.fsw.core.command;

import space.lunarbase.fsw.core.storage.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-key replay window: a counter is accepted only if it is greater than the highest accepted
 * before for that key. The high-water marks live in {@code {data-dir}/command-counters/high-water}
 * (one {@code key-id=counter} line per key) and are written atomically (temporary file, fsync,
 * rename, fsync of the folder) <em>before</em> {@link #advance} returns true, so a command is never
 * acknowledged ACCEPTED unless a restart would refuse it again. The one exception is a safing
 * command when the mark cannot be written ({@link #hold}): it is kept in memory only, and written
 * with the next mark that can be.
 *
 * <p>{@link #highest} reads without waiting for a write in progress, so the MQTT thread can ask.
 */
public final class ReplayGuard {

  /** The folder below the data folder. */
  public static final String FOLDER = "command-counters";
  static final String FILE = "high-water";

  private final Path folder;
  private final Path file;
  private final Map<String, Long> highest;

  private ReplayGuard(Path folder, Map<String, Long> highest) {
    this.folder = folder;
    this.file = folder.resolve(FILE);
    this.highest = new ConcurrentHashMap<>(highest);
  }

  /**
   * Opens the counters under {@code dataDir} (created if absent).
   *
   * @throws IllegalStateException if the file exists but cannot be read or parsed: the replay window
   *     is unknown, so the firmware must not start taking commands
   */
  public static ReplayGuard open(Path dataDir) {
    Path folder = dataDir.resolve(FOLDER);
    Path file = folder.resolve(FILE);
    Map<String, Long> highest = new TreeMap<>();
    try {
      Files.createDirectories(folder);
      if (Files.exists(file)) {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        for (String key : properties.stringPropertyNames()) {
          highest.put(key, Long.parseUnsignedLong(properties.getProperty(key).strip()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("command replay counters " + file + " cannot be read (" + e.getMessage()
          + "); restore it from a backup or, knowing every key's last counter, rewrite it", e);
    }
    return new ReplayGuard(folder, highest);
  }

  /** The highest counter accepted for {@code keyId}; 0 if none (counters start at 1). Never blocks. */
  public long highest(String keyId) {
    Long mark = highest.get(keyId);
    return mark == null ? 0 : mark;
  }

  /** Whether {@code counter} is above the highest accepted for {@code keyId} (unsigned). */
  public boolean fresh(String keyId, long counter) {
    return Long.compareUnsigned(counter, highest(keyId)) > 0;
  }

  /**
   * Takes {@code counter} for {@code keyId} if it is above the high-water mark (unsigned), and
   * persists the new mark before returning true.
   *
   * @throws UncheckedIOException if the new mark cannot be persisted (the counter is not taken)
   */
  public synchronized boolean advance(String keyId, long counter) {
    if (Long.compareUnsigned(counter, highest(keyId)) <= 0) {
      return false;
    }
    Map<String, Long> next = new TreeMap<>(highest);
    next.put(keyId, counter);
    write(next);
    highest.put(keyId, counter);
    return true;
  }

  /**
   * Takes {@code counter} for {@code keyId} in memory only, after {@link #advance} could not persist
   * it: for a safing command, which runs anyway. A replay is refused until a restart; the mark is
   * written with the next one that can be.
   *
   * @return false if the counter is not above the mark (nothing taken)
   */
  public synchronized boolean hold(String keyId, long counter) {
    if (Long.compareUnsigned(counter, highest(keyId)) <= 0) {
      return false;
    }
    highest.put(keyId, counter);
    return true;
  }

  private void write(Map<String, Long> marks) {
    StringBuilder text = new StringBuilder("# highest accepted command counter per key; written by the firmware\n");
    marks.forEach((k, v) -> text.append(k).append('=').append(Long.toUnsignedString(v)).append('\n'));
    try {
      AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist command counters to " + file, e);
    }
  }
}
