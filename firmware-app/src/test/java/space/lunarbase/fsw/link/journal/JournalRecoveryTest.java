package space.lunarbase.fsw.link.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.telemetry.Outbound;

/** Recovery of a journal folder on its own: segment files written byte by byte, then scanned. */
class JournalRecoveryTest {

  @TempDir
  Path dir;

  final List<String> findings = new ArrayList<>();
  final JournalRecovery.Findings recorder = new JournalRecovery.Findings() {
    @Override
    public void invalidRecord(Segment segment, long offset, String reason) {
      findings.add("invalid " + segment.path.getFileName() + "@" + offset);
    }

    @Override
    public void tailTruncated(Path segment, long offset, long bytes) {
      findings.add("truncated " + segment.getFileName() + "@" + offset + "+" + bytes);
    }

    @Override
    public void setAside(Path segment, Path keptAs, String reason) {
      findings.add("set aside " + segment.getFileName() + " as " + keptAs.getFileName());
    }
  };

  @Test
  void aTornTailOfTheNewestSegmentIsCutAtTheLastWholeRecord() throws Exception {
    byte[] whole = records(1, 3);
    byte[] torn = Arrays.copyOf(RecordFormat.encode(4, message(4)), 11);
    Path segment = segment(1, concat(whole, torn));

    JournalRecovery.Recovered recovered = new JournalRecovery(dir, recorder).recover();
    try {
      assertThat(findings).containsExactly("truncated journal-0000000000000001.seg@" + whole.length + "+11");
      assertThat(Files.size(segment)).as("the torn bytes are gone from the file").isEqualTo(whole.length);
      assertThat(recovered.segments()).singleElement().satisfies(s -> {
        assertThat(s.entries).isEqualTo(3);
        assertThat(s.lastIndex).isEqualTo(3);
        assertThat(s.size).isEqualTo(whole.length);
      });
      assertThat(recovered.nextIndex()).as("the torn record's index is given again").isEqualTo(4);
      assertThat(recovered.writer()).as("appends go on in the newest segment").isNotNull();
      assertThat(recovered.writer().size()).isEqualTo(whole.length);
    } finally {
      recovered.writer().close();
    }
  }

  @Test
  void aDamagedRecordInASealedSegmentIsReportedAndTheRestOfItKept() throws Exception {
    byte[] sealed = concat(records(1, 2), RecordFormat.encode(3, message(3)), records(4, 5));
    int third = records(1, 2).length;
    sealed[third + 30] ^= 0x40; // in the third record's body: its CRC no longer matches
    segment(1, sealed);
    segment(6, records(6, 6));

    JournalRecovery.Recovered recovered = new JournalRecovery(dir, recorder).recover();
    try {
      assertThat(findings).containsExactly("invalid journal-0000000000000001.seg@" + third);
      assertThat(recovered.segments()).extracting(s -> s.entries).containsExactly(4L, 1L);
      assertThat(recovered.nextIndex()).isEqualTo(7);
    } finally {
      recovered.writer().close();
    }
  }

  @Test
  void aSealedSegmentWithoutARecordIsDeletedAndALaterFormatSetAside() throws Exception {
    Path empty = segment(1, "not a record at all".getBytes(StandardCharsets.US_ASCII));
    Path later = segment(100, "LBJ2 from a later release".getBytes(StandardCharsets.US_ASCII));
    segment(200, records(200, 201));

    JournalRecovery.Recovered recovered = new JournalRecovery(dir, recorder).recover();
    try {
      assertThat(findings).contains("set aside journal-0000000000000100.seg as journal-0000000000000100.seg.v2",
          "invalid journal-0000000000000001.seg@0");
      assertThat(empty).doesNotExist();
      assertThat(later).doesNotExist();
      assertThat(dir.resolve("journal-0000000000000100.seg.v2")).exists();
      assertThat(recovered.segments()).extracting(s -> s.firstIndex).containsExactly(200L);
      assertThat(recovered.nextIndex()).isEqualTo(202);
    } finally {
      recovered.writer().close();
    }
  }

  @Test
  void anEmptyNewestSegmentBelowTheCursorIsDeletedSoThatANewOneStartsAtTheNextIndex() throws Exception {
    segment(1, records(1, 3));
    Path stale = segment(4, new byte[0]);
    CursorFile.write(dir, 10);

    JournalRecovery.Recovered recovered = new JournalRecovery(dir, recorder).recover();

    assertThat(findings).isEmpty();
    assertThat(stale).doesNotExist();
    assertThat(recovered.writer()).as("no segment to go on with").isNull();
    assertThat(recovered.ackedIndex()).isEqualTo(10);
    assertThat(recovered.nextIndex()).as("above every index acknowledged").isEqualTo(11);
    assertThat(recovered.segments()).extracting(s -> s.firstIndex).containsExactly(1L);
  }

  @Test
  void aFolderThatDoesNotExistIsCreatedEmpty() throws Exception {
    Path fresh = dir.resolve("a/b/journal");

    JournalRecovery.Recovered recovered = new JournalRecovery(fresh, recorder).recover();

    assertThat(fresh).isDirectory();
    assertThat(recovered.segments()).isEmpty();
    assertThat(recovered.writer()).isNull();
    assertThat(recovered.nextIndex()).isEqualTo(1);
    assertThat(recovered.ackedIndex()).isZero();
  }

  private Path segment(long firstIndex, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(Segment.fileName(firstIndex)), bytes);
  }

  private static byte[] records(long from, long to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = from; i <= to; i++) {
      out.writeBytes(RecordFormat.encode(i, message(i)));
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static Outbound message(long n) {
    return new Outbound("tlm/bank", ("payload " + n).getBytes(StandardCharsets.US_ASCII), 1, false);
  }
}
