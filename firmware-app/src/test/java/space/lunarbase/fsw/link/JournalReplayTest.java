package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.link.journal.FsyncPolicy;
import space.lunarbase.fsw.link.journal.Journal;
import space.lunarbase.fsw.link.journal.JournalEntry;
import space.lunarbase.fsw.link.journal.JournalListener;
import space.lunarbase.fsw.link.journal.JournalSettings;

/** Replay over a real journal in a temporary folder. */
class JournalReplayTest {

  @TempDir
  Path dir;

  Journal journal;
  JournalReplay replay;

  @BeforeEach
  void open() throws Exception {
    journal = Journal.open(dir, new JournalSettings(1 << 20, 64 * 1024, FsyncPolicy.interval(Duration.ofHours(1)), 1),
        JournalListener.NONE);
    for (int i = 1; i <= 5; i++) {
      assertThat(journal.append(new Outbound("tlm/bank", new byte[] {(byte) i}, 1, false))).isTrue();
    }
    replay = new JournalReplay(journal, 3);
  }

  @AfterEach
  void close() {
    journal.close();
  }

  @Test
  void entriesComeBackInBatchesMarkedHistoricalAndGoOnAfterTheLastSent() {
    List<Pending> first = sendAll(replay.due());
    assertThat(first).extracting(Pending::journalIndex).containsExactly(1L, 2L, 3L);
    assertThat(first.getFirst().message().payload()).isEqualTo(HistoricalMark.mark(new byte[] {1}));
    assertThat(first).allMatch(Pending::replayed);

    assertThat(replay.due()).extracting(JournalEntry::index).containsExactly(4L, 5L);
  }

  @Test
  void theJournalIsAcknowledgedOnlyUpToTheFirstEntryTheBrokerHasNotAcknowledged() {
    sendAll(replay.due());

    replay.delivered(2);
    assertThat(journal.acknowledgedIndex()).as("1 is still in flight").isZero();
    replay.delivered(1);
    assertThat(journal.acknowledgedIndex()).isEqualTo(2);
    replay.delivered(3);
    assertThat(journal.acknowledgedIndex()).isEqualTo(3);
    assertThat(journal.pendingEntries()).isEqualTo(2);
  }

  @Test
  void anEntryThePortDidNotTakeIsOfferedAgainAndARestartGoesBackToTheCursor() {
    List<JournalEntry> due = replay.due();
    replay.sent(replay.sending(due.get(0)));
    replay.sending(due.get(1));
    replay.unsent(due.get(1).index());

    assertThat(replay.due()).extracting(JournalEntry::index).as("after the last one taken").containsExactly(2L, 3L,
        4L);
    replay.delivered(1);
    assertThat(journal.acknowledgedIndex()).isEqualTo(1);

    sendAll(replay.due());
    replay.restart();
    assertThat(replay.due()).extracting(JournalEntry::index).as("unacknowledged: replayed again")
        .containsExactly(2L, 3L, 4L);
  }

  private List<Pending> sendAll(List<JournalEntry> entries) {
    return entries.stream().map(entry -> {
      Pending pending = replay.sending(entry);
      replay.sent(pending);
      return pending;
    }).toList();
  }
}
