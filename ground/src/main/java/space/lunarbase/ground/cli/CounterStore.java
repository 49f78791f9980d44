package space.lunarbase.ground.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The last command counter this machine used per key id, in {@code {state-dir}/counters}, so that
 * each command gets a counter above the last ({@code REPLAYED} otherwise). The next counter is
 * {@code max(last + 1, now in UTC microseconds)}: a fresh machine, or one whose file was lost,
 * starts from the clock and so above what it sent before, and two consoles sharing a key rarely
 * collide (they would need the same microsecond, or one to run ahead of the other's clock).
 *
 * <p>File: a first line {@code # lunarbase lunarctl counters v1} (the format's version; a file
 * without it is version 1 too), one line {@code <key-id> <counter>} per key (unsigned decimal),
 * {@code #} comments. A file of a later version (a later lunarctl wrote it) is refused, not
 * rewritten.
 * Each update holds a lock ({@code counters.lock}, and a lock within this JVM) across read, write
 * and rename; the new content goes to a temporary file in the same folder, is forced to disk and
 * renamed over the old one (atomic), so a crash leaves the old file or the new one, never a mix.
 * The counter is recorded before the command is published.
 */
final class CounterStore {

  static final String FILE = "counters";
  /** The file format's version this lunarctl writes and the newest it reads. */
  static final int VERSION = 1;
  private static final Pattern VERSION_LINE = Pattern.compile("# lunarbase lunarctl counters v([0-9]{1,9})");
  private static final String LOCK = "counters.lock";
  private static final Pattern LINE = Pattern.compile("([a-z0-9-]{1,64})\\s+(\\d{1,20})");
  /** One lock per JVM: a FileLock is held per process, so threads must also exclude each other. */
  private static final Object JVM_LOCK = new Object();

  /** The state file cannot be read, parsed or written; the message says which and why. */
  static final class BadStateFile extends Exception {
    BadStateFile(String message) {
      super(message);
    }
  }

  private final Path dir;
  private final Clock clock;

  CounterStore(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  Path file() {
    return dir.resolve(FILE);
  }

  /** UTC microseconds since 1970 by {@code clock}. */
  static long micros(Instant now) {
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
  }

  /**
   * The counter for the next command under {@code keyId}: {@code explicit} when given (not 0),
   * else {@code max(last + 1, now in µs)}. Records it (the higher of it and the last) before
   * returning.
   */
  @SuppressWarnings("try") // the lock is held for the try block's duration, not used in it
  long next(String keyId, Long explicit) throws BadStateFile {
    synchronized (JVM_LOCK) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new BadStateFile("cannot create " + dir + " (" + describe(e) + ")");
      }
      try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = lockChannel.lock()) {
        Map<String, Long> last = read();
        Long previous = last.get(keyId);
        long counter;
        if (explicit != null) {
          counter = explicit;
        } else if (previous != null && previous == -1L) {
          throw new BadStateFile(file() + ": the counter of key " + keyId + " is at its maximum ("
              + Long.toUnsignedString(previous) + "); the key needs a new id");
        } else {
          long fromClock = micros(clock.instant());
          counter = previous == null || Long.compareUnsigned(previous + 1, fromClock) < 0 ? fromClock : previous + 1;
        }
        if (previous == null || Long.compareUnsigned(counter, previous) > 0) {
          last.put(keyId, counter);
          write(last);
        }
        return counter;
      } catch (IOException e) {
        throw new BadStateFile("cannot update " + file() + " (" + describe(e) + ")");
      }
    }
  }

  /** The last counter recorded per key id (empty when there is no file yet). */
  Map<String, Long> read() throws BadStateFile {
    Map<String, Long> last = new TreeMap<>();
    String text;
    try {
      text = Files.readString(file(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return last;
    } catch (IOException e) {
      throw new BadStateFile("cannot read " + file() + " (" + describe(e) + ")");
    }
    int number = 0;
    for (String raw : text.split("\n", -1)) {
      number++;
      String line = raw.strip();
      var version = VERSION_LINE.matcher(line);
      if (version.matches() && Integer.parseInt(version.group(1)) > VERSION) {
        throw new BadStateFile(file() + " is lunarctl counters format version " + version.group(1) + "; this lunarctl"
            + " reads up to version " + VERSION + ": use the lunarctl that wrote it (or a later one)");
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var matcher = LINE.matcher(line);
      long value;
      try {
        if (!matcher.matches()) {
          throw new NumberFormatException();
        }
        value = Long.parseUnsignedLong(matcher.group(2));
      } catch (NumberFormatException e) {
        throw new BadStateFile(file() + ": line " + number + " is not '<key-id> <counter>'; fix or remove the line"
            + " (the next counter then comes from the clock)");
      }
      last.merge(matcher.group(1), value, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
    }
    return last;
  }

  private void write(Map<String, Long> last) throws IOException {
    StringBuilder text = new StringBuilder("# lunarbase lunarctl counters v" + VERSION + "\n"
        + "# lunarctl send: the last command counter used per key id (see ground/README.md, \"Send\")\n");
    last.forEach((id, counter) -> text.append(id).append(' ').append(Long.toUnsignedString(counter)).append('\n'));
    Path temp = dir.resolve(FILE + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's permissions apply
      }
      try {
        Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("this file system cannot rename atomically", e);
      }
      forceDirectory();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes the rename itself durable (Linux: fsync of the folder); skipped where a folder cannot be opened. */
  private void forceDirectory() {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the rename is atomic either way
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
