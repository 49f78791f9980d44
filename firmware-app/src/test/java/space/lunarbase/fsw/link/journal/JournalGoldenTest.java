package space.lunarbase.fsw.link.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Golden;

/**
 * The journal as each version wrote it is replayed by today's firmware; a segment of a later
 * version is expendable here (telemetry kept for the release that wrote it): set aside, reported,
 * not replayed.
 */
class JournalGoldenTest {

  private static final JournalSettings SETTINGS = new JournalSettings(1 << 20, 1 << 16, FsyncPolicy.EVERY_RECORD);

  @Test
  void versionOneIsReplayedFromItsCursor(@TempDir Path data) throws Exception {
    Path dir = Golden.copy("journal", 1, data.resolve("journal"));
    try (Journal journal = Journal.open(dir, SETTINGS, JournalListener.NONE)) {
      assertThat(journal.acknowledgedIndex()).isEqualTo(1);
      List<JournalEntry> pending = journal.peek(10);
      assertThat(pending).extracting(JournalEntry::index).containsExactly(2L, 3L);
      assertThat(pending.get(0).message().stream()).isEqualTo("evt");
      assertThat(new String(pending.get(0).message().payload(), StandardCharsets.UTF_8)).isEqualTo("event two");
      assertThat(pending.get(1).message().stream()).isEqualTo("state");
      assertThat(pending.get(1).message().retained()).isTrue();
      assertThat(journal.corruptRecords()).isZero();
    }
  }

  @Test
  void aSegmentOfALaterVersionIsSetAsideAndReported(@TempDir Path data) throws Exception {
    Path dir = Golden.copy("journal", 1, data.resolve("journal"));
    Path later = dir.resolve("journal-0000000000000100.seg");
    Files.write(later, new byte[] {'L', 'B', 'J', '2', 0, 0, 0, 9});
    List<String> reported = new ArrayList<>();
    JournalListener listener = new JournalListener() {
      @Override
      public void setAside(Path segment, Path keptAs, String reason) {
        reported.add(segment.getFileName() + " -> " + keptAs.getFileName() + ": " + reason);
      }
    };
    try (Journal journal = Journal.open(dir, SETTINGS, listener)) {
      assertThat(journal.peek(10)).extracting(JournalEntry::index).containsExactly(2L, 3L);
    }
    assertThat(reported).containsExactly("journal-0000000000000100.seg -> journal-0000000000000100.seg.v2: journal"
        + " format version 2, this build reads up to 1");
    assertThat(dir.resolve("journal-0000000000000100.seg.v2")).exists();
  }
}
