package space.lunarbase.fsw.core.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every on-disk format the firmware keeps in its data folder, with the version this build writes
 * (and the newest it reads), and the folder's data-format stamp, {@code {data-dir}/data-formats}:
 * one {@code <format>=<version>} line per format, the highest version any build that ran on the
 * folder writes, and {@code written-by=<firmware version>}. The stamp is written at every start
 * before any other file; the Debian package's {@code preinst} reads it and refuses to install a
 * package that reads older versions than the stamp names. {@code deploy/package/data-formats}
 * holds the same table for the package build ({@code DataFormatsTest} checks they agree).
 */
public final class DataFormats {

  /** The stamp's file name in the data folder. */
  public static final String STAMP = "data-formats";

  /** {@code boot-count}: the bare number was version 1. */
  public static final int BOOT_COUNT = 2;
  /** {@code command-counters/high-water.a|b}; the single {@code high-water} file was version 1. */
  public static final int COMMAND_COUNTERS = 2;
  /** {@code parameters/values}. */
  public static final int PARAMETERS = 1;
  /** {@code range-safety/holds}. */
  public static final int RANGE_SAFETY_HOLDS = 1;
  /** {@code tracker/cable-wrap}. */
  public static final int CABLE_WRAP = 1;
  /** {@code sequences/slot-N}. */
  public static final int SEQUENCES = 1;
  /** {@code journal/journal-*.seg} and {@code journal/cursor}. */
  public static final int JOURNAL = 1;

  /** Each format's name and version, in the stamp's order. */
  public static final Map<String, Integer> KNOWN = known();

  private DataFormats() {}

  private static Map<String, Integer> known() {
    Map<String, Integer> known = new LinkedHashMap<>();
    known.put("boot-count", BOOT_COUNT);
    known.put("command-counters", COMMAND_COUNTERS);
    known.put("parameters", PARAMETERS);
    known.put("range-safety-holds", RANGE_SAFETY_HOLDS);
    known.put("cable-wrap", CABLE_WRAP);
    known.put("sequences", SEQUENCES);
    known.put("journal", JOURNAL);
    return java.util.Collections.unmodifiableMap(known);
  }

  /**
   * Writes the stamp in {@code dataDir}: for each format the higher of what it names and what this
   * build writes (a format it names that this build does not know is kept), and
   * {@code written-by=firmwareVersion}. A stamp that cannot be parsed is replaced.
   */
  public static void stamp(Path dataDir, String firmwareVersion) throws IOException {
    Map<String, Integer> versions = new LinkedHashMap<>(KNOWN);
    read(dataDir).forEach((name, version) -> versions.merge(name, version, Math::max));
    StringBuilder text = new StringBuilder("# lunarbase data formats: the newest version of each format the"
        + " firmware that ran on this folder writes (read by the package's preinst)\n");
    text.append("written-by=").append(firmwareVersion).append('\n');
    versions.forEach((name, version) -> text.append(name).append('=').append(version).append('\n'));
    AtomicFile.write(dataDir.resolve(STAMP), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The versions the stamp in {@code dataDir} names; empty if there is none, and lines that are not {@code name=N} skipped. */
  public static Map<String, Integer> read(Path dataDir) throws IOException {
    Map<String, Integer> versions = new LinkedHashMap<>();
    String text;
    try {
      text = Files.readString(dataDir.resolve(STAMP), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return versions;
    } catch (java.nio.charset.CharacterCodingException e) {
      return versions;
    }
    for (String line : text.split("\n")) {
      if (line.matches("[a-z][a-z-]{0,63}=[0-9]{1,9}")) {
        int eq = line.indexOf('=');
        versions.put(line.substring(0, eq), Integer.parseInt(line.substring(eq + 1)));
      }
    }
    return versions;
  }
}
