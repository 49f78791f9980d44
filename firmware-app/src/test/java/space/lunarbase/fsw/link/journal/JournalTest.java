package space.lunarbase.fsw.link.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import space.lunarbase.fsw.core.telemetry.Outbound;

class JournalTest {

  /** Segments of 1 KiB hold 24 records of {@link #message}'s fixed 41 bytes. */
  static final long SEGMENT = 1024;
  static final FsyncPolicy LAZY = FsyncPolicy.interval(Duration.ofHours(1));

  final AtomicLong clock = new AtomicLong();
  final Recorder events = new Recorder();

  @TempDir
  Path tmp;

  /** Appended entries come back in order, with their indexes, until acknowledged. */
  @Nested
  class RoundTrip {
    @Test
    void entriesComeBackInOrderAcrossSegmentsAndAReopen() throws Exception {
      Path dir = tmp.resolve("journal");
      try (Journal journal = open(dir, 64 * SEGMENT)) {
        for (int n = 1; n <= 100; n++) {
          assertThat(journal.append(message(n))).isTrue();
        }
        assertThat(segmentFiles(dir)).hasSize(5);
        assertThat(indexes(journal.peek(1000))).isEqualTo(range(1, 100));
        assertThat(journal.peek(3)).extracting(JournalEntry::index).containsExactly(1L, 2L, 3L);
        assertThat(journal.appended()).isEqualTo(100);
        assertThat(journal.pendingEntries()).isEqualTo(100);
        assertThat(journal.sizeBytes()).isEqualTo(100L * recordBytes()).isEqualTo(bytesOnDisk(dir));
      }
      try (Journal journal = open(dir, 64 * SEGMENT)) {
        List<JournalEntry> entries = journal.peek(1000);
        assertThat(indexes(entries)).isEqualTo(range(1, 100));
        for (JournalEntry entry : entries) {
          assertSameMessage(entry.message(), message((int) entry.index()));
        }
        assertThat(journal.append(message(101))).isTrue();
        assertThat(journal.peek(1000).getLast().index()).isEqualTo(101);
        assertThat(journal.pendingEntries()).isEqualTo(101);
      }
      assertThat(events.corrupt).isEmpty();
      assertThat(events.tails).isEmpty();
    }

    @Test
    void everyFieldOfAMessageSurvives() throws Exception {
      List<Outbound> messages = List.of(
          new Outbound("evt", new byte[0], 1, false),
          new Outbound("tlm/bank", new byte[] {0, -1, 127, -128}, 0, true),
          new Outbound("tlm/ß-ünïcødé/日本", "x".repeat(500).getBytes(StandardCharsets.UTF_8), 1, true));
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        messages.forEach(journal::append);
      }
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        List<JournalEntry> entries = journal.peek(10);
        assertThat(entries).hasSize(3);
        for (int i = 0; i < 3; i++) {
          assertSameMessage(entries.get(i).message(), messages.get(i));
        }
      }
    }

    @Test
    void anAcknowledgementPersistsSoThatAReopenResumesAfterIt() throws Exception {
      Path dir = tmp.resolve("journal");
      try (Journal journal = open(dir, 64 * SEGMENT)) {
        for (int n = 1; n <= 100; n++) {
          journal.append(message(n));
        }
        journal.acknowledge(50);
        assertThat(journal.pendingEntries()).isEqualTo(50);
        assertThat(journal.acknowledged()).isEqualTo(50);
        assertThat(journal.acknowledgedIndex()).isEqualTo(50);
        assertThat(journal.peek(1).getFirst().index()).isEqualTo(51);
        // segments 1-24 and 25-48 are fully delivered: deleted
        assertThat(segmentFiles(dir)).extracting(Path::toString)
            .noneMatch(name -> name.endsWith("journal-0000000000000001.seg"))
            .noneMatch(name -> name.endsWith("journal-0000000000000025.seg"))
            .anyMatch(name -> name.endsWith("journal-0000000000000049.seg"));
        assertThat(journal.sizeBytes()).isEqualTo(bytesOnDisk(dir));
        journal.acknowledge(20); // behind the position: ignored
        assertThat(journal.pendingEntries()).isEqualTo(50);
      }
      try (Journal journal = open(dir, 64 * SEGMENT)) {
        assertThat(indexes(journal.peek(1000))).isEqualTo(range(51, 100));
        assertThat(journal.pendingEntries()).isEqualTo(50);
        assertThat(journal.acknowledged()).isZero();
        assertThat(journal.peekAfter(60, 3)).extracting(JournalEntry::index).containsExactly(61L, 62L, 63L);
        journal.acknowledge(Long.MAX_VALUE); // beyond the last: everything
        assertThat(journal.pendingEntries()).isZero();
        assertThat(journal.peek(10)).isEmpty();
        assertThat(segmentFiles(dir)).hasSize(1); // the newest is kept: it carries the index
      }
      try (Journal journal = open(dir, 64 * SEGMENT)) {
        assertThat(journal.peek(10)).isEmpty();
        journal.append(message(101));
        assertThat(journal.peek(10)).extracting(JournalEntry::index).containsExactly(101L);
      }
    }

    @Test
    void indexesStayMonotonicWhenEverythingWasAcknowledgedAndTheCursorIsLost() throws Exception {
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        for (int n = 1; n <= 30; n++) {
          journal.append(message(n));
        }
        journal.acknowledge(30);
      }
      Files.delete(tmp.resolve(CursorFile.NAME));
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        // at least once: without the cursor, what is left in the newest segment replays again
        assertThat(indexes(journal.peek(100))).isEqualTo(range(25, 30));
        journal.append(message(31));
        assertThat(journal.peek(100).getLast().index()).isEqualTo(31);
      }
    }

    @Test
    void aCrashBeforeTheCursorIsPersistedReplaysAcknowledgedEntriesAgain() throws Exception {
      JournalSettings settings = new JournalSettings(64 * SEGMENT, SEGMENT, LAZY, 10);
      Journal journal = Journal.open(tmp, settings, events, clock::get);
      for (int n = 1; n <= 40; n++) {
        journal.append(message(n));
      }
      for (long i = 1; i <= 15; i++) {
        journal.acknowledge(i); // the 10th persists the cursor at 10
      }
      journal.abandon(); // kill -9: the cursor at 15 never reached the disk
      try (Journal reopened = Journal.open(tmp, settings, events, clock::get)) {
        assertThat(indexes(reopened.peek(100))).isEqualTo(range(11, 40));
        assertThat(reopened.acknowledgedIndex()).isEqualTo(10);
      }
    }

    @Test
    void aStaleCursorTempFileAndAnInvalidCursorAreSurvived() throws Exception {
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        for (int n = 1; n <= 10; n++) {
          journal.append(message(n));
        }
        journal.acknowledge(4);
      }
      Files.write(tmp.resolve(CursorFile.TEMP_NAME), new byte[] {1, 2, 3});
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        assertThat(journal.peek(1).getFirst().index()).isEqualTo(5);
      }
      assertThat(tmp.resolve(CursorFile.TEMP_NAME)).doesNotExist();
      Files.write(tmp.resolve(CursorFile.NAME), new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        assertThat(indexes(journal.peek(100))).isEqualTo(range(1, 10)); // replays from the oldest
      }
    }
  }

  /** The size bound: the oldest segments go first, the newest stays. */
  @Nested
  class Bound {
    @Test
    void pastMaxBytesTheOldestSegmentsAreDroppedAndTheNewestKept() throws Exception {
      long max = 4 * SEGMENT;
      try (Journal journal = open(tmp, max)) {
        for (int n = 1; n <= 500; n++) {
          assertThat(journal.append(message(n))).isTrue();
          assertThat(journal.sizeBytes()).isLessThanOrEqualTo(max);
        }
        List<JournalEntry> left = journal.peek(1000);
        assertThat(left.getLast().index()).isEqualTo(500);
        assertThat(indexes(left)).isEqualTo(range(left.getFirst().index(), 500));
        assertThat(left).hasSizeGreaterThanOrEqualTo(3 * 24);
        assertThat(journal.droppedEntries()).isEqualTo(500 - left.size());
        assertThat(journal.pendingEntries()).isEqualTo(left.size());
        assertThat(events.drops.stream().mapToLong(d -> d[0]).sum()).isEqualTo(journal.droppedEntries());
        assertThat(events.drops).allSatisfy(d -> assertThat(d).containsExactly(24, 24L * recordBytes()));
        assertThat(bytesOnDisk(tmp)).isEqualTo(journal.sizeBytes()).isLessThanOrEqualTo(max);
      }
    }

    @Test
    void droppingCountsOnlyTheEntriesNotYetAcknowledged() throws Exception {
      try (Journal journal = open(tmp, 2 * SEGMENT)) {
        for (int n = 1; n <= 48; n++) { // two full segments
          journal.append(message(n));
        }
        journal.acknowledge(10);
        journal.append(message(49)); // a third segment: 2009 bytes, still within 2048
        assertThat(events.drops).isEmpty();
        journal.append(message(50)); // 2050: the first segment (14 of 24 unsent) must go
        assertThat(events.drops).hasSize(1);
        assertThat(events.drops.getFirst()).containsExactly(14, 24L * recordBytes());
        assertThat(indexes(journal.peek(100))).isEqualTo(range(25, 50));
        journal.acknowledge(30);
        assertThat(journal.peek(1).getFirst().index()).isEqualTo(31);
      }
    }

    @Test
    void aLowerBoundAtOpenDropsAtOnce() throws Exception {
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        for (int n = 1; n <= 100; n++) {
          journal.append(message(n));
        }
      }
      try (Journal journal = open(tmp, 2 * SEGMENT)) {
        assertThat(journal.sizeBytes()).isLessThanOrEqualTo(2 * SEGMENT);
        assertThat(journal.peek(1000).getLast().index()).isEqualTo(100);
        assertThat(journal.droppedEntries()).isEqualTo(72);
      }
    }
  }

  /** Recovery after {@code kill -9} and power loss: torn tails are truncated. */
  @Nested
  class CrashRecovery {
    @Test
    void aRecordCutAtAnyByteIsTruncatedAwayAndEverythingBeforeItKept() throws Exception {
      Path template = tmp.resolve("template");
      try (Journal journal = open(template, 64 * SEGMENT)) {
        for (int n = 1; n <= 30; n++) {
          journal.append(message(n));
        }
      }
      Path newest = segmentFiles(template).getLast();
      long size = Files.size(newest);
      long lastRecord = size - recordBytes();
      for (long at = lastRecord; at < size; at++) {
        long cut = at;
        Path dir = copy(template, tmp.resolve("cut-" + cut));
        truncate(dir.resolve(newest.getFileName()), cut);
        Recorder seen = new Recorder();
        try (Journal journal = Journal.open(dir, settings(64 * SEGMENT), seen, clock::get)) {
          assertThat(indexes(journal.peek(100))).as("cut at %d", cut).isEqualTo(range(1, 29));
          assertThat(journal.tailTruncations()).isEqualTo(cut > lastRecord ? 1 : 0);
          assertThat(seen.corrupt).isEmpty();
          assertThat(journal.append(message(30))).isTrue();
        }
        assertThat(seen.tails).hasSize(cut > lastRecord ? 1 : 0);
        assertThat(seen.tails).allSatisfy(t -> assertThat(t).containsExactly(lastRecord, cut - lastRecord));
        try (Journal journal = Journal.open(dir, settings(64 * SEGMENT), seen, clock::get)) {
          List<JournalEntry> entries = journal.peek(100);
          assertThat(indexes(entries)).isEqualTo(range(1, 30));
          assertSameMessage(entries.getLast().message(), message(30));
          assertThat(journal.tailTruncations()).isZero();
        }
      }
    }

    @Test
    void aZeroFilledTailLikeAfterPowerLossIsTruncated() throws Exception {
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        for (int n = 1; n <= 10; n++) {
          journal.append(message(n));
        }
      }
      Path segment = segmentFiles(tmp).getLast();
      long size = Files.size(segment);
      try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
        file.seek(size - 3L * recordBytes() + 7);
        file.write(new byte[3 * recordBytes() - 7]);
        file.setLength(size + 4096); // and blocks of zeros beyond the end, as delayed allocation leaves
      }
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        assertThat(indexes(journal.peek(100))).isEqualTo(range(1, 7));
        assertThat(Files.size(segment)).isEqualTo(7L * recordBytes());
        assertThat(events.corrupt).isEmpty();
        assertThat(journal.append(message(8))).isTrue();
      }
    }
  }

  /** Recovery of damaged records: reported once, skipped, the rest replayed. */
  @Nested
  class Corruption {
    /** Damage done to record 10 (offset 369) of a single segment of 20 records. */
    enum Damage {
      FLIPPED_PAYLOAD_BYTE(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          file[at + 35] ^= (byte) 0xFF;
        }
      },
      FLIPPED_CRC_BIT(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          file[at + 16] ^= 1;
        }
      },
      BROKEN_MARKER(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          file[at] = 'X';
        }
      },
      HUGE_LENGTH(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          ByteBuffer.wrap(file).putInt(at + 4, Integer.MAX_VALUE);
        }
      },
      NEGATIVE_LENGTH(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          ByteBuffer.wrap(file).putInt(at + 4, -7);
        }
      },
      LENGTH_OFF_BY_ONE(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          ByteBuffer.wrap(file).putInt(at + 4, ByteBuffer.wrap(file).getInt(at + 4) + 1);
        }
      },
      GARBAGE_OVER_THE_RECORD(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          byte[] garbage = new byte[recordBytes()];
          new Random(7).nextBytes(garbage);
          System.arraycopy(garbage, 0, file, at, garbage.length);
        }
      },
      ZEROS_OVER_THREE_RECORDS(Set.of(10, 11, 12)) {
        @Override
        void apply(byte[] file, int at) {
          Arrays.fill(file, at + 10, at + 2 * recordBytes() + 5, (byte) 0);
        }
      },
      VALID_RECORD_WITH_AN_OLD_INDEX(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          byte[] stale = RecordFormat.encode(3, message(10));
          System.arraycopy(stale, 0, file, at, stale.length);
        }
      },
      UNDECODABLE_BODY_WITH_A_GOOD_CRC(Set.of(10)) {
        @Override
        void apply(byte[] file, int at) {
          file[at + RecordFormat.HEADER_BYTES] = 9; // unknown body version
          ByteBuffer buffer = ByteBuffer.wrap(file);
          int length = buffer.getInt(at + 4);
          buffer.putInt(at + RecordFormat.CRC_OFFSET,
              RecordFormat.crc(file, at, file, at + RecordFormat.HEADER_BYTES, length));
        }
      };

      final Set<Integer> lost;

      Damage(Set<Integer> lost) {
        this.lost = lost;
      }

      abstract void apply(byte[] file, int at);
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedRecordIsReportedOnceAndSkippedAndTheRestReplays(Damage damage) throws Exception {
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        for (int n = 1; n <= 20; n++) {
          journal.append(message(n));
        }
      }
      Path segment = segmentFiles(tmp).getFirst();
      byte[] file = Files.readAllBytes(segment);
      int at = 9 * recordBytes();
      damage.apply(file, at);
      Files.write(segment, file);

      List<Long> expected = LongStream.rangeClosed(1, 20).filter(i -> !damage.lost.contains((int) i)).boxed().toList();
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        List<JournalEntry> entries = journal.peek(100);
        assertThat(indexes(entries)).isEqualTo(expected);
        entries.forEach(e -> assertSameMessage(e.message(), message((int) e.index())));
        assertThat(journal.pendingEntries()).isEqualTo(expected.size());
        journal.peek(100);
        journal.acknowledge(15);
        assertThat(journal.corruptRecords()).isEqualTo(1);
        assertThat(events.corrupt).hasSize(1);
        assertThat(events.corrupt.getFirst()).startsWith(segment.getFileName() + "@" + at + ":");
        assertThat(journal.tailTruncations()).isZero();
        assertThat(journal.append(message(21))).isTrue();
      }
    }

    @Test
    void garbageInsertedBetweenRecordsIsSkipped() throws Exception {
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        for (int n = 1; n <= 10; n++) {
          journal.append(message(n));
        }
      }
      Path segment = segmentFiles(tmp).getFirst();
      byte[] file = Files.readAllBytes(segment);
      byte[] garbage = "LBJ1 looks like a marker but is not a record".getBytes(StandardCharsets.US_ASCII);
      int at = 4 * recordBytes();
      byte[] damaged = new byte[file.length + garbage.length];
      System.arraycopy(file, 0, damaged, 0, at);
      System.arraycopy(garbage, 0, damaged, at, garbage.length);
      System.arraycopy(file, at, damaged, at + garbage.length, file.length - at);
      Files.write(segment, damaged);
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        assertThat(indexes(journal.peek(100))).isEqualTo(range(1, 10));
        assertThat(events.corrupt).hasSize(1);
        assertThat(events.corrupt.getFirst()).startsWith(segment.getFileName() + "@" + at + ": ");
      }
    }

    @Test
    void aDamagedEndOfASealedSegmentIsReportedNotTruncated() throws Exception {
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        for (int n = 1; n <= 30; n++) {
          journal.append(message(n));
        }
      }
      Path sealed = segmentFiles(tmp).getFirst();
      long size = Files.size(sealed);
      try (RandomAccessFile file = new RandomAccessFile(sealed.toFile(), "rw")) {
        file.seek(size - 5);
        file.write(new byte[] {1, 2, 3, 4, 5});
      }
      try (Journal journal = open(tmp, 64 * SEGMENT)) {
        List<Long> expected = new ArrayList<>(range(1, 30));
        expected.remove(Long.valueOf(24));
        assertThat(indexes(journal.peek(100))).isEqualTo(expected);
        assertThat(events.corrupt).hasSize(1);
        assertThat(events.corrupt.getFirst()).startsWith(sealed.getFileName() + "@" + (size - recordBytes()) + ":")
            .contains("end of the segment");
        assertThat(Files.size(sealed)).isEqualTo(size);
        assertThat(journal.tailTruncations()).isZero();
      }
    }

    @Test
    void filesNamedLikeSegmentsFullOfGarbageNeverCrashTheJournal() throws Exception {
      Random random = new Random(42);
      for (int trial = 0; trial < 60; trial++) {
        Path dir = tmp.resolve("garbage-" + trial);
        Files.createDirectories(dir);
        int files = 1 + random.nextInt(4);
        for (int f = 0; f < files; f++) {
          byte[] content = new byte[random.nextInt(3000)];
          random.nextBytes(content);
          if (random.nextBoolean() && content.length > 50) {
            // sprinkle sync markers with plausible lengths
            for (int k = 0; k < 5; k++) {
              int at = random.nextInt(content.length - 8);
              ByteBuffer.wrap(content).putInt(at, RecordFormat.MAGIC).putInt(at + 4, random.nextInt(64));
            }
          }
          Files.write(dir.resolve(Segment.fileName(1 + random.nextInt(1000))), content);
        }
        if (random.nextBoolean()) {
          byte[] cursor = new byte[random.nextInt(40)];
          random.nextBytes(cursor);
          Files.write(dir.resolve(CursorFile.NAME), cursor);
        }
        Files.writeString(dir.resolve("journal-12.seg"), "not one of ours");
        Files.createDirectories(dir.resolve("journal-0000000000000077.seg"));
        assertThatCode(() -> {
          try (Journal journal = Journal.open(dir, settings(8 * SEGMENT), JournalListener.NONE, clock::get)) {
            assertThat(journal.peek(100)).isEmpty();
            assertThat(journal.append(message(1))).isTrue();
            List<JournalEntry> entries = journal.peek(100);
            assertThat(entries).hasSize(1);
            assertSameMessage(entries.getFirst().message(), message(1));
            journal.acknowledge(entries.getFirst().index());
            assertThat(journal.pendingEntries()).isZero();
          }
        }).as("trial %d", trial).doesNotThrowAnyException();
      }
    }

    @Test
    void randomlyMutatedJournalsOpenAndReturnOnlyGenuineEntriesInOrder() throws Exception {
      Path template = tmp.resolve("template");
      Map<Long, Outbound> originals = new HashMap<>();
      try (Journal journal = open(template, 64 * SEGMENT)) {
        for (int n = 1; n <= 60; n++) {
          journal.append(message(n));
          originals.put((long) n, message(n));
        }
        journal.acknowledge(5);
      }
      Random random = new Random(1234);
      for (int trial = 0; trial < 150; trial++) {
        Path dir = copy(template, tmp.resolve("fuzz-" + trial));
        List<Path> segments = segmentFiles(dir);
        for (int m = 0, mutations = 1 + random.nextInt(6); m < mutations; m++) {
          mutate(segments.get(random.nextInt(segments.size())), random);
        }
        if (random.nextInt(4) == 0) {
          mutate(dir.resolve(CursorFile.NAME), random);
        }
        assertThatCode(() -> {
          try (Journal journal = Journal.open(dir, settings(64 * SEGMENT), JournalListener.NONE, clock::get)) {
            List<JournalEntry> entries = journal.peek(1000);
            long previous = 0;
            for (JournalEntry entry : entries) {
              assertThat(entry.index()).isGreaterThan(previous);
              assertSameMessage(entry.message(), originals.get(entry.index()));
              previous = entry.index();
            }
            assertThat(journal.pendingEntries()).isEqualTo(entries.size());
            assertThat(journal.append(message(61))).isTrue();
            assertThat(journal.peek(1000).getLast().index()).isGreaterThan(previous);
            journal.acknowledge(previous + 1);
          }
        }).as("trial %d", trial).doesNotThrowAnyException();
      }
    }

    private static void mutate(Path file, Random random) throws IOException {
      byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
      if (bytes.length == 0) {
        bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        Files.write(file, bytes);
        return;
      }
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(6)) {
        case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> Arrays.fill(bytes, at, Math.min(bytes.length, at + random.nextInt(200)), (byte) 0);
        case 2 -> bytes = Arrays.copyOf(bytes, at);
        case 3 -> {
          byte[] noise = new byte[Math.min(bytes.length - at, 1 + random.nextInt(100))];
          random.nextBytes(noise);
          System.arraycopy(noise, 0, bytes, at, noise.length);
        }
        case 4 -> { // a copy of some bytes from elsewhere (e.g. a whole older record)
          int from = random.nextInt(bytes.length);
          int length = Math.min(Math.min(bytes.length - from, bytes.length - at), 1 + random.nextInt(120));
          System.arraycopy(bytes.clone(), from, bytes, at, length);
        }
        default -> {
          bytes = Arrays.copyOf(bytes, bytes.length + random.nextInt(300)); // zeros appended
        }
      }
      Files.write(file, bytes);
    }
  }

  /** Failures of the file system: counted and reported, never thrown. */
  @Nested
  class WriteFailures {
    @Test
    void aFolderThatIsAFileIsAClearErrorAtOpen() throws Exception {
      Path file = tmp.resolve("a-file");
      Files.writeString(file, "not a folder");
      assertThatThrownBy(() -> open(file, 8 * SEGMENT))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot open the store-and-forward journal in " + file)
          .hasMessageContaining("not a folder");
      Path below = file.resolve("journal");
      assertThatThrownBy(() -> open(below, 8 * SEGMENT))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot open the store-and-forward journal in " + below)
          .hasMessageContaining("cannot be created");
    }

    @Test
    void whenTheFolderGoesAwayAppendsFailWithoutThrowing() throws Exception {
      Path dir = tmp.resolve("journal");
      Journal journal = open(dir, 8 * SEGMENT);
      for (int n = 1; n <= 10; n++) {
        assertThat(journal.append(message(n))).isTrue();
      }
      for (Path segment : segmentFiles(dir)) {
        Files.delete(segment);
      }
      Files.delete(dir);
      Files.writeString(dir, "the card was remounted wrongly"); // now no segment can be created
      int accepted = 0;
      for (int n = 11; n <= 60; n++) {
        if (journal.append(message(n))) {
          accepted++;
        }
      }
      assertThat(accepted).isEqualTo(14); // the open segment (an unlinked file) fills up; then nothing
      assertThat(journal.writeFailures()).isEqualTo(36);
      assertThat(events.failures).hasSize(36).allSatisfy(e -> assertThat(e).isInstanceOf(IOException.class));
      assertThatCode(() -> {
        journal.peek(10);
        journal.acknowledge(5);
        journal.flushIfDue();
        journal.close();
      }).doesNotThrowAnyException();
      assertThat(journal.append(message(61))).isFalse();
      assertThat(events.failures.getLast()).hasMessageContaining("closed");
    }

    @Test
    void aMessageLargerThanASegmentIsRefusedAndCounted() throws Exception {
      try (Journal journal = open(tmp, 8 * SEGMENT)) {
        assertThat(journal.append(new Outbound("tlm/bank", new byte[(int) SEGMENT], 1, false))).isFalse();
        assertThat(journal.writeFailures()).isEqualTo(1);
        assertThat(events.failures.getFirst()).hasMessageContaining("does not fit a journal segment of 1024 bytes");
        assertThat(journal.append(message(1))).isTrue();
        assertThat(journal.peek(10)).extracting(JournalEntry::index).containsExactly(1L);
      }
    }

    @Test
    void anInterruptedThreadCannotAppendButLeavesTheJournalUsable() throws Exception {
      try (Journal journal = open(tmp, 8 * SEGMENT)) {
        journal.append(message(1));
        Thread.currentThread().interrupt();
        try {
          assertThat(journal.append(message(2))).isFalse();
        } finally {
          assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(journal.writeFailures()).isEqualTo(1);
        assertThat(journal.append(message(3))).isTrue();
        assertThat(journal.peek(10)).extracting(JournalEntry::index).containsExactly(1L, 2L);
        assertThat(journal.peek(10).getLast().message().payload()).isEqualTo(message(3).payload());
      }
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheJournal() throws Exception {
      JournalListener hostile = new JournalListener() {
        @Override
        public void droppedOldest(long entries, long bytes) {
          throw new IllegalStateException("boom");
        }
      };
      try (Journal journal = Journal.open(tmp, settings(2 * SEGMENT), hostile, clock::get)) {
        for (int n = 1; n <= 100; n++) {
          assertThat(journal.append(message(n))).isTrue();
        }
        assertThat(journal.droppedEntries()).isPositive();
      }
    }
  }

  /** When records are forced, which settings are refused, who may read the gauges. */
  @Nested
  class FsyncSettingsAndThreads {
    @Test
    void everyRecordForcesEachAppendAndIntervalForcesWhenDue() throws Exception {
      try (Journal journal = Journal.open(tmp.resolve("every"),
          new JournalSettings(64 * SEGMENT, SEGMENT, FsyncPolicy.EVERY_RECORD), events, clock::get)) {
        for (int n = 1; n <= 5; n++) {
          journal.append(message(n));
        }
        assertThat(journal.syncs()).isEqualTo(5);
      }
      JournalSettings lazy = new JournalSettings(64 * SEGMENT, SEGMENT, FsyncPolicy.interval(Duration.ofSeconds(1)));
      try (Journal journal = Journal.open(tmp.resolve("interval"), lazy, events, clock::get)) {
        journal.append(message(1));
        journal.append(message(2));
        journal.flushIfDue();
        assertThat(journal.syncs()).isZero();
        clock.addAndGet(Duration.ofMillis(999).toNanos());
        journal.flushIfDue();
        assertThat(journal.syncs()).isZero();
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        journal.flushIfDue();
        assertThat(journal.syncs()).isEqualTo(1);
        journal.flushIfDue();
        assertThat(journal.syncs()).isEqualTo(1); // nothing new to force
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        journal.append(message(3)); // due: the append forces itself
        assertThat(journal.syncs()).isEqualTo(2);
        for (int n = 4; n <= 25; n++) {
          journal.append(message(n)); // the 25th rolls a segment: the sealed one is forced
        }
        assertThat(journal.syncs()).isEqualTo(3);
      }
    }

    @Test
    void settingsAreValidatedWithClearMessages() {
      assertThatThrownBy(() -> new JournalSettings(8192, 100, LAZY))
          .hasMessageContaining("segmentBytes must be between 1024 and");
      assertThatThrownBy(() -> new JournalSettings(1500, 1024, LAZY))
          .hasMessageContaining("maxBytes (1500) must be at least twice segmentBytes (1024)");
      assertThatThrownBy(() -> new JournalSettings(8192, 1024, null))
          .hasMessageContaining("fsync policy must be set");
      assertThatThrownBy(() -> new JournalSettings(8192, 1024, LAZY, 0))
          .hasMessageContaining("cursorEvery must be at least 1");
      assertThatThrownBy(() -> FsyncPolicy.interval(Duration.ZERO))
          .hasMessageContaining("fsync interval must be positive");
      assertThat(new JournalSettings(8192, 1024, LAZY).cursorEvery()).isEqualTo(JournalSettings.DEFAULT_CURSOR_EVERY);
    }

    @Test
    void aHealthThreadCanReadTheGaugesWhileTheLinkThreadWrites() throws Exception {
      long max = 4 * SEGMENT;
      AtomicBoolean done = new AtomicBoolean();
      AtomicReference<String> problem = new AtomicReference<>();
      try (Journal journal = open(tmp, max)) {
        Thread health = new Thread(() -> {
          while (!done.get()) {
            long size = journal.sizeBytes();
            long pending = journal.pendingEntries();
            if (size > max || size < 0 || pending < 0 || journal.appended() < 0) {
              problem.set("size " + size + ", pending " + pending);
            }
          }
        });
        health.start();
        for (int n = 1; n <= 3000; n++) {
          journal.append(message(n));
          if (n % 7 == 0) {
            journal.acknowledge(n - 3);
          }
        }
        done.set(true);
        health.join();
      }
      assertThat(problem.get()).isNull();
    }
  }

  /** Random operations checked against a model of the journal. */
  @Nested
  class AgainstAModel {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomOperationsWithinTheBoundLoseNothingAndKeepOrder(long seed) throws Exception {
      new ModelRun(seed, 1 << 20, false).run(2500);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void randomOperationsPastTheBoundOnlyEverLoseTheOldest(long seed) throws Exception {
      new ModelRun(seed, 4 * SEGMENT, true).run(2500);
    }

    /** Drives a journal with random appends, peeks, acks, flushes, reopens and crashes. */
    final class ModelRun {
      final Random random;
      final long max;
      final boolean drops;
      final Path dir;
      final Map<Long, Outbound> appended = new HashMap<>();
      final TreeSet<Long> pending = new TreeSet<>();
      long nextIndex = 1;
      long acked;
      boolean crashed;
      int crashes;
      int reopens;
      Journal journal;

      ModelRun(long seed, long max, boolean drops) {
        this.random = new Random(seed);
        this.max = max;
        this.drops = drops;
        this.dir = tmp.resolve("model-" + seed);
      }

      void run(int operations) throws IOException {
        journal = reopen();
        boolean brokerAway = false;
        for (int op = 0; op < operations; op++) {
          if (random.nextInt(100) == 0) {
            brokerAway = !brokerAway; // an outage: appends only, for a while
          }
          int dice = random.nextInt(100);
          if (brokerAway && dice >= 60 && dice < 86) {
            dice = 0;
          }
          if (dice < 50) {
            Outbound message = randomMessage();
            assertThat(journal.append(message)).isTrue();
            appended.put(nextIndex, message);
            pending.add(nextIndex);
            nextIndex++;
          } else if (dice < 60) {
            check();
          } else if (dice < 82) {
            List<JournalEntry> some = journal.peek(1 + random.nextInt(20));
            if (!some.isEmpty()) {
              acknowledge(some.get(random.nextInt(some.size())).index());
            }
          } else if (dice < 86) {
            acknowledge(acked - 5 + random.nextInt(40));
          } else if (dice < 95) {
            clock.addAndGet(random.nextInt(1_000_000_000));
            journal.flushIfDue();
          } else if (dice < 98) {
            journal.close();
            journal = reopen();
            reopens++;
            check();
          } else {
            journal.abandon();
            crashed = true;
            crashes++;
            journal = reopen();
            check();
          }
        }
        check();
        journal.close();
        assertThat(appended).as("appends").hasSizeGreaterThan(1000);
        assertThat(acked).as("acknowledged").isGreaterThan(500);
        assertThat(crashes).as("crashes").isPositive();
        assertThat(reopens).as("reopens").isPositive();
        if (drops) {
          assertThat(events.drops).isNotEmpty();
        } else {
          assertThat(events.drops).isEmpty();
        }
      }

      Journal reopen() throws IOException {
        return Journal.open(dir, new JournalSettings(max, SEGMENT, FsyncPolicy.interval(Duration.ofMillis(300)),
            1 + random.nextInt(20)), events, clock::get);
      }

      void acknowledge(long index) {
        journal.acknowledge(index);
        long effective = Math.min(index, nextIndex - 1);
        acked = Math.max(acked, effective);
        pending.headSet(effective, true).clear();
      }

      void check() {
        List<JournalEntry> entries = journal.peek(Integer.MAX_VALUE);
        long previous = Long.MIN_VALUE;
        for (JournalEntry entry : entries) {
          assertThat(entry.index()).isGreaterThan(previous);
          assertSameMessage(entry.message(), appended.get(entry.index()));
          previous = entry.index();
        }
        Set<Long> present = entries.stream().map(JournalEntry::index).collect(Collectors.toSet());
        long oldestPresent = entries.isEmpty() ? Long.MAX_VALUE : entries.getFirst().index();
        boolean lostToDrops = false;
        for (Long index : List.copyOf(pending)) {
          if (!present.contains(index)) {
            assertThat(drops).as("entry %d lost", index).isTrue();
            assertThat(index).as("only the oldest are dropped").isLessThan(oldestPresent);
            pending.remove(index);
            lostToDrops = true;
          }
        }
        for (Long index : present) {
          if (!pending.contains(index)) {
            assertThat(crashed && index <= acked).as("entry %d replayed though acknowledged", index).isTrue();
          }
        }
        if (lostToDrops) {
          assertThat(events.drops).isNotEmpty();
        }
        assertThat(journal.pendingEntries()).isEqualTo(entries.size());
        assertThat(journal.sizeBytes()).isLessThanOrEqualTo(max);
        assertThat(events.corrupt).isEmpty();
        assertThat(events.failures).isEmpty();
      }

      Outbound randomMessage() {
        byte[] payload = new byte[random.nextInt(80)];
        random.nextBytes(payload);
        String stream = List.of("tlm/bank", "tlm/tracker", "evt", "tlm/rail").get(random.nextInt(4));
        return new Outbound(stream, payload, random.nextInt(2), random.nextInt(10) == 0);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** A message whose record is always 41 bytes; its payload holds {@code n}. */
  static Outbound message(int n) {
    return new Outbound("tlm/bank", ByteBuffer.allocate(8).putLong(n).array(), 1, false);
  }

  static int recordBytes() {
    return RecordFormat.encode(1, message(1)).length;
  }

  static JournalSettings settings(long max) {
    return new JournalSettings(max, SEGMENT, LAZY);
  }

  Journal open(Path dir, long max) throws IOException {
    return Journal.open(dir, settings(max), events, clock::get);
  }

  static void assertSameMessage(Outbound actual, Outbound expected) {
    assertThat(expected).as("no such message appended").isNotNull();
    assertThat(actual.stream()).isEqualTo(expected.stream());
    assertThat(actual.qos()).isEqualTo(expected.qos());
    assertThat(actual.retained()).isEqualTo(expected.retained());
    assertThat(actual.payload()).isEqualTo(expected.payload());
  }

  static List<Long> indexes(List<JournalEntry> entries) {
    return entries.stream().map(JournalEntry::index).toList();
  }

  static List<Long> range(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toList();
  }

  static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("journal-\\d{16}\\.seg")).sorted().toList();
    }
  }

  static long bytesOnDisk(Path dir) throws IOException {
    long total = 0;
    for (Path segment : segmentFiles(dir)) {
      total += Files.size(segment);
    }
    return total;
  }

  static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    return to;
  }

  static void truncate(Path file, long length) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(length);
    }
  }

  /** What the journal reported. */
  static final class Recorder implements JournalListener {
    final List<long[]> drops = new ArrayList<>();
    final List<IOException> failures = new ArrayList<>();
    final List<String> corrupt = new ArrayList<>();
    final List<long[]> tails = new ArrayList<>();

    @Override
    public void droppedOldest(long entries, long bytes) {
      drops.add(new long[] {entries, bytes});
    }

    @Override
    public void writeFailed(IOException cause) {
      failures.add(cause);
    }

    @Override
    public void corruptRecord(Path segment, long offset, String reason) {
      corrupt.add(segment.getFileName() + "@" + offset + ": " + reason);
    }

    @Override
    public void tailTruncated(Path segment, long offset, long bytes) {
      tails.add(new long[] {offset, bytes});
    }
  }
}
