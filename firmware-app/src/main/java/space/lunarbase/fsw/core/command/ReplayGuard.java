package space.lunarbase.fsw.core.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import space.lunarbase.fsw.core.command.CounterFiles.Read;

/**
 * The per-key replay window: a counter is accepted only if it is greater than the highest accepted
 * before for that key, and than the {@link #floor()}. The high-water marks live in
 * {@code {data-dir}/command-counters/} as two alternating generation files, each with a CRC-32C
 * ({@link CounterFiles}); the newest valid one wins. A new generation is written (temporary file,
 * fsync, rename, fsync of the folder) <em>before</em> {@link #advance} returns true, so a command is
 * never acknowledged ACCEPTED unless a restart would refuse it again. The one exception is a safing
 * command when the mark cannot be written ({@link #hold}): it is kept in memory only, and written
 * with the next mark that can be.
 *
 * <p><b>Lost counters.</b> When no generation can be trusted (both missing on a data folder that
 * had them, or damaged), or one of the two is damaged (it may have been the newer), the window
 * starts at a <em>floor</em>: the controller's clock at start in microseconds since the epoch, the
 * unit of lunarctl's counters ({@code max(last + 1, now in µs)}), or the newest file in the data
 * folder if that was written later (a clock behind at start). Every command signed before the
 * loss carries a counter below it and is refused; every command signed after it passes. The floor
 * is written with the marks and kept. {@link #loss()} says what was found, for an event; the start
 * goes on.
 *
 * <p>{@link #highest} reads without waiting for a write in progress, so the MQTT thread can ask.
 */
public final class ReplayGuard {

  /** The folder below the data folder. */
  public static final String FOLDER = "command-counters";

  private final CounterFiles files;
  private final Map<String, Long> highest;
  private final long floor;
  private final Optional<String> loss;
  private long generation;

  private ReplayGuard(CounterFiles files, Map<String, Long> highest, long floor, long generation, Optional<String> loss) {
    this.files = files;
    this.highest = new ConcurrentHashMap<>(highest);
    this.floor = floor;
    this.generation = generation;
    this.loss = loss;
  }

  /** Opens the counters under {@code dataDir} by the system clock; a folder not there yet is a fresh one. */
  public static ReplayGuard open(Path dataDir) {
    return open(dataDir, InstantSource.system(), true);
  }

  /**
   * Opens the counters under {@code dataDir} (created if absent). Never fails for what the files
   * hold, except a later version of their format.
   *
   * @param clock the controller's clock, for the floor when the counters are lost
   * @param firstStart whether this is the data folder's first start (its boot count was 1): a
   *     counters folder that is not there is then simply new, on a later start it was lost
   * @throws space.lunarbase.fsw.core.storage.NewerFormatException if a file is of a later format
   *     version than this build reads
   * @throws UncheckedIOException if the folder cannot be created or read
   */
  public static ReplayGuard open(Path dataDir, InstantSource clock, boolean firstStart) {
    Path folder = dataDir.resolve(FOLDER);
    CounterFiles files = new CounterFiles(folder);
    try {
      boolean folderThere = Files.isDirectory(folder);
      Files.createDirectories(folder);
      Read even = files.read(folder.resolve(CounterFiles.EVEN));
      Read odd = files.read(folder.resolve(CounterFiles.ODD));
      List<String> damaged = new ArrayList<>();
      Read.Valid newest = null;
      for (Read read : List.of(even, odd)) {
        if (read instanceof Read.Corrupt corrupt) {
          damaged.add(corrupt.file().getFileName() + " (" + corrupt.why() + ")");
          files.quarantine(corrupt.file());
        } else if (read instanceof Read.Valid valid && (newest == null || valid.generation() > newest.generation())) {
          newest = valid;
        }
      }
      if (newest == null && damaged.isEmpty()) {
        Read legacy = files.readLegacy();
        if (legacy instanceof Read.Valid valid) {
          return opened(files, valid.marks(), 0, 0, Optional.empty());
        }
        if (legacy instanceof Read.Corrupt corrupt) {
          files.quarantine(corrupt.file());
          return lost(files, Map.of(), 0, clock, folder.resolve(CounterFiles.LEGACY) + " cannot be read ("
              + corrupt.why() + "), kept as " + CounterFiles.LEGACY + ".corrupt");
        }
        if (firstStart && !folderThere) {
          return opened(files, Map.of(), 0, 0, Optional.empty());
        }
        return lost(files, Map.of(), 0, clock, "no command counter file in " + folder);
      }
      if (damaged.isEmpty()) {
        return new ReplayGuard(files, newest.marks(), newest.floor(), newest.generation(), Optional.empty());
      }
      String found = String.join(" and ", damaged) + " in " + folder + (newest == null
          ? ": neither generation can be trusted"
          : ": generation " + newest.generation() + " (" + newest.file().getFileName() + ") used, the damaged one may"
              + " have been newer");
      return lost(files, newest == null ? Map.of() : newest.marks(), newest == null ? 0 : newest.generation(), clock,
          found + "; damaged files kept as *.corrupt", newest == null ? 0 : newest.floor());
    } catch (IOException e) {
      throw new UncheckedIOException("command replay counters in " + folder + " cannot be read", e);
    }
  }

  private static ReplayGuard lost(CounterFiles files, Map<String, Long> marks, long generation, InstantSource clock,
                                  String found) {
    return lost(files, marks, generation, clock, found, 0);
  }

  private static ReplayGuard lost(CounterFiles files, Map<String, Long> marks, long generation, InstantSource clock,
                                  String found, long keptFloor) {
    long now = micros(clock.instant());
    long written = newestWrite(files.folder().getParent());
    long floor = maxUnsigned(maxUnsigned(now, written), keptFloor);
    String what = found + ": every key's counters must now be above " + Long.toUnsignedString(floor)
        + (written > now ? " (the newest file in the data folder, written after the controller's clock at start"
            + " says it is now: check the clock)" : " (the controller's clock at start, µs since the epoch)")
        + ", so no command signed before can be replayed";
    return opened(files, marks, floor, generation, Optional.of(what));
  }

  /**
   * The newest modification time of a file in {@code dataDir} (two levels deep), µs since the
   * epoch; 0 if none. Those times come from the clock of the runs that wrote them: a board that
   * starts with its clock behind (no real-time clock, before NTP) still gets a floor above what it
   * wrote before.
   */
  private static long newestWrite(Path dataDir) {
    long newest = 0;
    try (var files = Files.walk(dataDir, 2)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(file)) {
            newest = Math.max(newest, micros(Files.getLastModifiedTime(file).toInstant()));
          }
        } catch (IOException | ArithmeticException e) {
          // a file that went away or cannot be read says nothing
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // the clock alone, then
    }
    return newest;
  }

  /** Writes the next generation at once, so the floor (or the migration) is kept even if no command comes. */
  private static ReplayGuard opened(CounterFiles files, Map<String, Long> marks, long floor, long generation,
                                    Optional<String> loss) {
    ReplayGuard guard = new ReplayGuard(files, marks, floor, generation, loss);
    try {
      synchronized (guard) {
        guard.write(new TreeMap<>(marks));
      }
    } catch (UncheckedIOException e) {
      // held in memory; the next accepted command writes it, or is refused
    }
    return guard;
  }

  private static long maxUnsigned(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /** UTC microseconds since the epoch: the unit of lunarctl's counters. */
  static long micros(Instant now) {
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
  }

  /** What was found when the counters had to start from a floor; empty when they were intact (or new). */
  public Optional<String> loss() {
    return loss;
  }

  /** The least counter every key must pass (unsigned); 0 when the counters were never lost. */
  public long floor() {
    return floor;
  }

  /** The highest counter accepted for {@code keyId}, or the floor if higher; 0 if neither (counters start at 1). Never blocks. */
  public long highest(String keyId) {
    Long mark = highest.get(keyId);
    return mark == null || Long.compareUnsigned(mark, floor) < 0 ? floor : mark;
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

  /** The file the next generation goes to. */
  Path nextFile() {
    return files.file(generation + 1);
  }

  private void write(Map<String, Long> marks) {
    long next = generation + 1;
    try {
      files.write(next, floor, marks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist command counters to " + files.file(next), e);
    }
    generation = next;
  }
}
