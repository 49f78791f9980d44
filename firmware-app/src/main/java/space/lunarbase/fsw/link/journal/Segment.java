package space.lunarbase.fsw.link.journal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** What the journal knows about one segment file. Mutated only under the journal's lock. */
final class Segment {

  final Path path;
  /** The index in the file name: no record in it has a smaller index. */
  final long firstIndex;
  /** Bytes that hold records (the readable limit); for a sealed segment, its file size. */
  long size;
  /** Where reading must stop because the file could not be read further. */
  long readable = Long.MAX_VALUE;
  /** Valid records in it. */
  long entries;
  /** Index of its last valid record, or {@code firstIndex - 1} when it has none. */
  long lastIndex;
  /** Offsets of invalid bytes already reported, so that each is reported once. */
  final Set<Long> reportedInvalid = new HashSet<>();

  Segment(Path path, long firstIndex) {
    this.path = path;
    this.firstIndex = firstIndex;
    this.lastIndex = firstIndex - 1;
  }

  static String fileName(long firstIndex) {
    return String.format("journal-%016d.seg", firstIndex);
  }

  @Override
  public String toString() {
    return path.getFileName() + "[" + entries + " entries, " + size + " bytes]";
  }
}
