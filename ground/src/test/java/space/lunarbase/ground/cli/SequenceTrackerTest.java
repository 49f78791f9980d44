package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import space.lunarbase.ground.cli.SequenceTracker.Gap;
import space.lunarbase.ground.cli.SequenceTracker.OutOfOrder;
import space.lunarbase.ground.cli.SequenceTracker.Reboot;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.wire.Topic;

class SequenceTrackerTest {

  private static final Topic BANK = Topic.parse("lunarbase/v1/lunar-south/bank-ctl-1/tlm/bank");
  private static final Topic CELLS = Topic.parse("lunarbase/v1/lunar-south/bank-ctl-1/tlm/cells");
  private static final Topic STATE = Topic.parse("lunarbase/v1/lunar-south/bank-ctl-1/state");
  private static final Topic OTHER = Topic.parse("lunarbase/v1/lunar-south/rail-ctl-1/tlm/bank");

  private final SequenceTracker tracker = new SequenceTracker();

  @Test
  void consecutiveSequencesRaiseNothing() {
    for (long sequence = 40; sequence <= 45; sequence++) {
      assertThat(tracker.observe(BANK, header(3, sequence))).isEmpty();
    }
  }

  @Test
  void theFirstMessageOnATopicSetsItsStartWhateverItsNumber() {
    assertThat(tracker.observe(BANK, header(3, 1234))).isEmpty();
  }

  @Test
  void aSkippedSequenceIsAGapWithTheCountLost() {
    tracker.observe(BANK, header(3, 42));

    assertThat(tracker.observe(BANK, header(3, 45)))
        .containsExactly(new Gap(BANK.toString(), 43, 45));
    assertThat(new Gap(BANK.toString(), 43, 45).lost()).isEqualTo(2);
    assertThat(tracker.observe(BANK, header(3, 46))).isEmpty();
  }

  @Test
  void sequencesAreCountedPerTopic() {
    tracker.observe(BANK, header(3, 10));
    tracker.observe(CELLS, header(3, 500));

    assertThat(tracker.observe(BANK, header(3, 11))).isEmpty();
    assertThat(tracker.observe(CELLS, header(3, 501))).isEmpty();
    assertThat(tracker.observe(OTHER, header(9, 1))).isEmpty();
  }

  @Test
  void aNewBootCountIsARebootOncePerControllerAndSequencesRestartAtOne() {
    tracker.observe(BANK, header(3, 42));
    tracker.observe(CELLS, header(3, 7));

    assertThat(tracker.observe(STATE, header(4, 1)))
        .containsExactly(new Reboot("lunar-south/bank-ctl-1", 3, 4));
    assertThat(tracker.observe(BANK, header(4, 1))).isEmpty();
    assertThat(tracker.observe(CELLS, header(4, 3)))
        .containsExactly(new Gap(CELLS.toString(), 1, 3));
  }

  @Test
  void aRebootSeenFirstOnATopicComesWithItsGap() {
    tracker.observe(BANK, header(3, 42));

    assertThat(tracker.observe(BANK, header(4, 5)))
        .containsExactly(new Reboot("lunar-south/bank-ctl-1", 3, 4), new Gap(BANK.toString(), 1, 5));
  }

  @Test
  void aRepeatOrALateSequenceIsOutOfOrderAndDoesNotMoveTheTrackerBack() {
    tracker.observe(BANK, header(3, 43));

    assertThat(tracker.observe(BANK, header(3, 43))).containsExactly(new OutOfOrder(BANK.toString(), 43, 43));
    assertThat(tracker.observe(BANK, header(3, 41))).containsExactly(new OutOfOrder(BANK.toString(), 41, 43));
    assertThat(tracker.observe(BANK, header(3, 44))).isEmpty();
  }

  @Test
  void unsequencedMessagesAreCheckedForTheirBootOnly() {
    tracker.observe(STATE, header(3, 1));

    assertThat(tracker.observe(STATE, header(3, 0))).isEmpty();
    assertThat(tracker.observe(STATE, header(3, 2))).isEmpty();
    assertThat(tracker.observe(STATE, header(4, 0))).containsExactly(new Reboot("lunar-south/bank-ctl-1", 3, 4));
  }

  @Test
  void historicalFramesAreNotTracked() {
    tracker.observe(BANK, header(4, 10));

    assertThat(tracker.observe(BANK, historical(3, 99))).isEmpty();
    assertThat(tracker.observe(BANK, header(4, 11))).isEmpty();
  }

  @Test
  void aRepeatIsTheSameControllerTopicBootAndSequenceLiveOrHistorical() {
    assertThat(tracker.isRepeat(BANK, header(3, 7))).isFalse();

    assertThat(tracker.isRepeat(BANK, historical(3, 7))).isTrue();
    assertThat(tracker.isRepeat(BANK, historical(3, 6))).isFalse();
    assertThat(tracker.isRepeat(BANK, historical(3, 6))).isTrue();
    assertThat(tracker.isRepeat(BANK, historical(2, 7))).isFalse();
    assertThat(tracker.isRepeat(CELLS, historical(3, 7))).isFalse();
    assertThat(tracker.isRepeat(OTHER, historical(3, 7))).isFalse();
    assertThat(tracker.isRepeat(STATE, header(3, 0))).isFalse();
    assertThat(tracker.isRepeat(STATE, header(3, 0))).isFalse();
  }

  private static Envelope header(long boot, long sequence) {
    return Envelope.of(Header.newBuilder().setSiteId("lunar-south").setControllerId("bank-ctl-1")
        .setBootCount(boot).setSequence(sequence).setSchemaVersion(1).build());
  }

  private static Envelope historical(long boot, long sequence) {
    return Envelope.of(Header.newBuilder().setSiteId("lunar-south").setControllerId("bank-ctl-1")
        .setBootCount(boot).setSequence(sequence).setSchemaVersion(1).setHistorical(true).build());
  }
}
