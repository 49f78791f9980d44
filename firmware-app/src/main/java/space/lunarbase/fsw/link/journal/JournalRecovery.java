package space.lunarbase.fsw.link.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.link.journal.SegmentReader.End;
import space.lunarbase.fsw.link.journal.SegmentReader.Found;
import space.lunarbase.fsw.link.journal.SegmentReader.Step;

/**
 * What a journal's folder holds when it opens (the rules are in {@link Journal}'s comment): reads
 * the cursor, sets aside segments of a later format, scans every segment once checking each
 * record's marker, length, CRC and index, truncates a torn tail of the newest segment, deletes a
 * sealed segment without a valid record, and works out the next index. Reports what it finds to
 * its {@link Findings}; file content never makes it fail.
 */
final class JournalRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);
  private static final Pattern SEGMENT_NAME = Pattern.compile("journal-(\\d{16,18})\\.seg");

  /** What recovery reports as it goes, for the journal to count and pass on. */
  interface Findings {

    /** Invalid bytes at {@code offset} of {@code segment}, skipped (a segment may report an offset twice). */
    void invalidRecord(Segment segment, long offset, String reason);

    /** An incomplete record at the end of the newest segment: {@code bytes} from {@code offset} removed. */
    void tailTruncated(Path segment, long offset, long bytes);

    /** A segment of a later format, renamed {@code keptAs} and not read. */
    void setAside(Path segment, Path keptAs, String reason);
  }

  /**
   * The recovered journal: its segments, oldest first, each scanned ({@code size}, {@code entries},
   * {@code lastIndex} set); the newest one's open channel to append to, or null when a new segment
   * must be started at {@code nextIndex}; the index the next record gets; the last acknowledged
   * index of the cursor (0 without a valid one).
   */
  record Recovered(List<Segment> segments, FileChannel writer, long nextIndex, long ackedIndex) {}

  private final Path dir;
  private final Findings findings;

  JournalRecovery(Path dir, Findings findings) {
    this.dir = dir;
    this.findings = findings;
  }

  /**
   * Recovers the folder (creating it if needed).
   *
   * @throws IOException when the folder cannot be created, listed or written
   */
  Recovered recover() throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IOException("it exists and is not a folder");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("the folder cannot be created (" + e + ")", e);
    }
    Files.deleteIfExists(dir.resolve(CursorFile.TEMP_NAME));
    long ackedIndex;
    try {
      ackedIndex = CursorFile.read(dir);
    } catch (IOException e) {
      LOG.warn("journal cursor in {} is invalid ({}): replaying from the oldest entry", dir, e.getMessage());
      ackedIndex = 0;
    }

    List<Segment> found = listSegments();
    List<Segment> kept = new ArrayList<>();
    FileChannel writer = null;
    try {
      long minIndex = 1;
      long highestName = 0;
      for (int k = 0; k < found.size(); k++) {
        Segment segment = found.get(k);
        boolean newest = k == found.size() - 1;
        highestName = Math.max(highestName, segment.firstIndex);
        FileChannel channel = FileChannel.open(segment.path, newest
            ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
            : new StandardOpenOption[] {StandardOpenOption.READ});
        try {
          minIndex = scan(segment, channel, Math.max(minIndex, segment.firstIndex), newest);
        } finally {
          if (newest) {
            writer = channel;
          } else {
            channel.close();
          }
        }
        if (segment.entries == 0 && !newest) {
          LOG.warn("journal segment {} holds no valid record: deleted", segment.path);
          Files.deleteIfExists(segment.path);
        } else {
          kept.add(segment);
        }
      }
      long nextIndex = Math.max(Math.max(minIndex, ackedIndex + 1), highestName);

      if (!kept.isEmpty()) {
        Segment newest = kept.getLast();
        if (newest.entries == 0 && newest.firstIndex != nextIndex) {
          // an empty newest segment named below the next index: a new one is started at it
          FileChannel emptied = writer;
          writer = null;
          emptied.close();
          Files.deleteIfExists(newest.path);
          kept.removeLast();
        }
      }
      return new Recovered(List.copyOf(kept), writer, nextIndex, ackedIndex);
    } catch (IOException | RuntimeException e) {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
  }

  private List<Segment> listSegments() throws IOException {
    List<Segment> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "journal-*.seg")) {
      for (Path file : files) {
        Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
        if (!name.matches() || !Files.isRegularFile(file)) {
          LOG.warn("ignoring {} in the journal folder: not a segment", file);
          continue;
        }
        int version = RecordFormat.formatVersion(file);
        if (version > RecordFormat.VERSION) {
          Path keptAs = file.resolveSibling(file.getFileName() + ".v" + version);
          Files.move(file, keptAs, StandardCopyOption.REPLACE_EXISTING);
          String reason = "journal format version " + version + ", this build reads up to " + RecordFormat.VERSION;
          LOG.warn("journal segment {} set aside as {}: {}", file, keptAs.getFileName(), reason);
          findings.setAside(file, keptAs, reason);
          continue;
        }
        found.add(new Segment(file, Long.parseLong(name.group(1))));
      }
    }
    found.sort(Comparator.comparingLong(segment -> segment.firstIndex));
    return found;
  }

  /** Reads every record of a segment; returns the smallest index the next record may have. */
  private long scan(Segment segment, FileChannel channel, long minIndex, boolean newest) throws IOException {
    long size = channel.size();
    SegmentReader scanner = new SegmentReader(channel);
    long position = 0;
    long min = minIndex;
    while (true) {
      Step step = scanner.next(position, size, min);
      if (step instanceof Found found) {
        if (found.skippedOffset() >= 0) {
          findings.invalidRecord(segment, found.skippedOffset(), found.skippedReason());
        }
        segment.entries++;
        segment.lastIndex = found.index();
        min = found.index() + 1;
        position = found.end();
        continue;
      }
      End end = (End) step;
      if (end.invalidOffset() >= 0) {
        if (newest) {
          long cut = end.invalidOffset();
          channel.truncate(cut);
          channel.force(true);
          LOG.warn("journal segment {}: {} bytes of an incomplete record at offset {} truncated ({})", segment.path,
              size - cut, cut, end.reason());
          findings.tailTruncated(segment.path, cut, size - cut);
          size = cut;
        } else {
          findings.invalidRecord(segment, end.invalidOffset(), end.reason() + "; skipped to the end of the segment");
        }
      }
      break;
    }
    segment.size = size;
    return min;
  }
}
