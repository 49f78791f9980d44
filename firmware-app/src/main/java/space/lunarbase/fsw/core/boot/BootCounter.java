package space.lunarbase.fsw.core.boot;

import space.lunarbase.fsw.core.storage.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persisted count of firmware starts. Each start reads it, adds one and writes it back
 * atomically (temp file, fsync, rename) before anything is published, so (boot, sequence) pairs are
 * never reused. A file that cannot be read as a number is not trusted: the count then jumps to the
 * current UTC time in seconds, which is larger than any count a board reaches by restarts, and the
 * firmware says so in its log.
 */
public final class BootCounter {

  private static final Logger LOG = LoggerFactory.getLogger(BootCounter.class);
  static final String FILE_NAME = "boot-count";

  private BootCounter() {}

  /** Increments the count kept in {@code dataDir} and returns this start's boot count (≥ 1). */
  public static long next(Path dataDir, InstantSource clock) {
    Path file = dataDir.resolve(FILE_NAME);
    long previous = read(file, clock);
    long current = previous + 1;
    write(dataDir, file, current);
    return current;
  }

  private static long read(Path file, InstantSource clock) {
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      long value = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
      if (value < 0) {
        throw new NumberFormatException("negative");
      }
      return value;
    } catch (IOException | NumberFormatException e) {
      long fallback = clock.instant().getEpochSecond();
      LOG.warn("boot count file {} is unreadable ({}): continuing from {} so no boot count is reused",
          file, e.getMessage(), fallback);
      return fallback;
    }
  }

  private static void write(Path dataDir, Path file, long value) {
    try {
      AtomicFile.write(file, (value + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist the boot count in " + dataDir
          + " (lunarbase.data-dir must be a writable folder)", e);
    }
  }
}
