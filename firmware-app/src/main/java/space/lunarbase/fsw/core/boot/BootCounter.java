package space.lunarbase.fsw.core.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.storage.CheckedTextFile;
import space.lunarbase.fsw.core.storage.DataFormats;

/**
 * The persisted count of firmware starts, {@code {data-dir}/boot-count}. Each start reads it, adds
 * one and writes it back atomically (temp file, fsync, rename) before anything is published, so
 * (boot, sequence) pairs are never reused. Format version 2 is a {@link CheckedTextFile}
 * ({@code # lunarbase boot count v2}, {@code count=<n>}, a {@code crc32=} line); version 1 was the
 * bare number, still read. A file that cannot be trusted is not: the count then jumps to the current
 * UTC time in seconds, which is larger than any count a board reaches by restarts, and the firmware
 * says so in its log. A file of a later version stops the start
 * ({@link space.lunarbase.fsw.core.storage.NewerFormatException}).
 */
public final class BootCounter {

  private static final Logger LOG = LoggerFactory.getLogger(BootCounter.class);
  static final String FILE_NAME = "boot-count";
  static final String HEADER = "# lunarbase boot count v" + DataFormats.BOOT_COUNT;

  private BootCounter() {}

  /** Increments the count kept in {@code dataDir} and returns this start's boot count (≥ 1). */
  public static long next(Path dataDir, InstantSource clock) {
    CheckedTextFile file = new CheckedTextFile(dataDir.resolve(FILE_NAME), HEADER);
    long previous = read(file, clock);
    long current = previous + 1;
    write(dataDir, file, current);
    return current;
  }

  /** The count kept in {@code dataDir}, 0 if none; throws {@link IOException} with the reason if it cannot be trusted. */
  static long read(Path dataDir) throws IOException {
    CheckedTextFile file = new CheckedTextFile(dataDir.resolve(FILE_NAME), HEADER);
    if (!Files.exists(file.path())) {
      return 0;
    }
    String text = Files.readString(file.path(), StandardCharsets.US_ASCII);
    long value;
    try {
      if (!text.startsWith("#")) {
        value = Long.parseLong(text.strip()); // version 1: the bare number
      } else {
        Optional<String> body = file.read();
        String line = body.orElse("").strip();
        if (!line.startsWith("count=")) {
          throw new IOException("no count line");
        }
        value = Long.parseLong(line.substring("count=".length()));
      }
    } catch (NumberFormatException | CheckedTextFile.CorruptException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (value < 0) {
      throw new IOException("negative");
    }
    return value;
  }

  private static long read(CheckedTextFile file, InstantSource clock) {
    try {
      return read(file.path().getParent());
    } catch (IOException e) {
      long fallback = clock.instant().getEpochSecond();
      LOG.warn("boot count file {} is unreadable ({}): continuing from {} so no boot count is reused",
          file.path(), e.getMessage(), fallback);
      return fallback;
    }
  }

  private static void write(Path dataDir, CheckedTextFile file, long value) {
    try {
      file.write("count=" + value + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist the boot count in " + dataDir
          + " (lunarbase.data-dir must be a writable folder)", e);
    }
  }
}
