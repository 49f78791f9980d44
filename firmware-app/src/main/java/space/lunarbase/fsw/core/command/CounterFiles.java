package space.lunarbase.fsw.core.command;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import space.lunarbase.fsw.core.storage.AtomicFile;
import space.lunarbase.fsw.core.storage.DataFormats;
import space.lunarbase.fsw.core.storage.NewerFormatException;

/**
 * The replay counters on disk, {@code {data-dir}/command-counters/}: two generation files,
 * {@code high-water.a} (even generations) and {@code high-water.b} (odd), written alternately, so
 * the one not being written always holds the generation before. Each is text:
 * <pre>
 * # lunarbase command counters v2
 * generation=17
 * floor=0
 * ops-1=1733580000123456
 * crc32c=1a2b3c4d
 * </pre>
 * ({@code floor}: the least counter every key must pass, in the unit of lunarctl's counters, µs
 * since the epoch; 0 when none; CRC-32C over everything before its line). Each is replaced
 * atomically (temporary file, fsync, rename, fsync of the folder). The version 1 file,
 * {@code high-water} ({@code key=counter} lines, no check), is read when no generation file exists
 * and removed once a generation is written.
 */
final class CounterFiles {

  /** The format's version this build writes. */
  static final int VERSION = DataFormats.COMMAND_COUNTERS;
  static final String HEADER = "# lunarbase command counters v" + VERSION;
  static final String LEGACY = "high-water";
  static final String EVEN = "high-water.a";
  static final String ODD = "high-water.b";
  private static final Pattern ANY_HEADER = Pattern.compile("# lunarbase command counters v([0-9]{1,9})");
  private static final Pattern MARK = Pattern.compile("([A-Za-z0-9._-]{1,64})=([0-9]{1,20})");

  /** What one file held. */
  sealed interface Read {
    /** No such file. */
    record Missing(Path file) implements Read {}

    /** A file that cannot be trusted, and why. */
    record Corrupt(Path file, String why) implements Read {}

    /** A file that checks out. */
    record Valid(Path file, long generation, long floor, Map<String, Long> marks) implements Read {}
  }

  private final Path folder;

  CounterFiles(Path folder) {
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  /** The generation file that holds {@code generation}. */
  Path file(long generation) {
    return folder.resolve(generation % 2 == 0 ? EVEN : ODD);
  }

  /**
   * Reads one generation file.
   *
   * @throws NewerFormatException if it is of a later version than {@value #VERSION}
   */
  Read read(Path file) throws IOException {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Read.Missing(file);
    } catch (CharacterCodingException e) {
      return new Read.Corrupt(file, "not UTF-8");
    }
    String[] lines = content.split("\n", -1);
    Matcher header = ANY_HEADER.matcher(lines[0]);
    if (header.matches() && Integer.parseInt(header.group(1)) > VERSION) {
      throw new NewerFormatException(file, "command counters", Integer.parseInt(header.group(1)), VERSION);
    }
    int crcAt = content.lastIndexOf("\ncrc32c=");
    if (!lines[0].equals(HEADER) || crcAt < 0 || !content.endsWith("\n")) {
      return new Read.Corrupt(file, "no header or no crc32c line");
    }
    String sealed = content.substring(0, crcAt + 1);
    String crc = content.substring(crcAt + "\ncrc32c=".length()).strip();
    if (!crc.equals(crc(sealed))) {
      return new Read.Corrupt(file, "crc32c " + crc + " does not match the content (" + crc(sealed) + ")");
    }
    Long generation = null;
    long floor = -1;
    Map<String, Long> marks = new TreeMap<>();
    for (String line : sealed.substring(HEADER.length() + 1).split("\n")) {
      try {
        if (line.startsWith("generation=")) {
          generation = Long.parseLong(line.substring("generation=".length()));
        } else if (line.startsWith("floor=")) {
          floor = Long.parseUnsignedLong(line.substring("floor=".length()));
        } else {
          Matcher mark = MARK.matcher(line);
          if (!mark.matches()) {
            return new Read.Corrupt(file, "a line that is not key=counter");
          }
          marks.put(mark.group(1), Long.parseUnsignedLong(mark.group(2)));
        }
      } catch (NumberFormatException e) {
        return new Read.Corrupt(file, "a number that is not one: " + line);
      }
    }
    if (generation == null || generation < 0 || floor == -1) {
      return new Read.Corrupt(file, "no generation or no floor line");
    }
    return new Read.Valid(file, generation, floor, marks);
  }

  /** The newest valid generation, if any. */
  java.util.Optional<Read.Valid> newest() throws IOException {
    Read.Valid newest = null;
    for (String name : new String[] {EVEN, ODD}) {
      if (read(folder.resolve(name)) instanceof Read.Valid valid
          && (newest == null || valid.generation() > newest.generation())) {
        newest = valid;
      }
    }
    return java.util.Optional.ofNullable(newest);
  }

  /** The version 1 file's marks ({@code key=counter} lines), if there is one; throws if it cannot be parsed. */
  Read readLegacy() throws IOException {
    Path file = folder.resolve(LEGACY);
    if (!Files.exists(file)) {
      return new Read.Missing(file);
    }
    try {
      Properties properties = new Properties();
      properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      Map<String, Long> marks = new TreeMap<>();
      for (String key : properties.stringPropertyNames()) {
        marks.put(key, Long.parseUnsignedLong(properties.getProperty(key).strip()));
      }
      return new Read.Valid(file, 0, 0, marks);
    } catch (IOException | IllegalArgumentException e) {
      return new Read.Corrupt(file, e.getMessage());
    }
  }

  /** Writes {@code generation} to its file; then removes the version 1 file, if any. */
  void write(long generation, long floor, Map<String, Long> marks) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append("generation=").append(generation).append('\n');
    text.append("floor=").append(Long.toUnsignedString(floor)).append('\n');
    marks.forEach((k, v) -> text.append(k).append('=').append(Long.toUnsignedString(v)).append('\n'));
    String sealed = text.toString();
    AtomicFile.write(file(generation), (sealed + "crc32c=" + crc(sealed) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.deleteIfExists(folder.resolve(LEGACY));
  }

  /** Moves an untrusted file aside ({@code <name>.corrupt}) for a person to read. */
  void quarantine(Path file) {
    try {
      Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // the next write of its generation replaces it anyway
    }
  }

  private static String crc(String text) {
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }
}
