package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayAcksTest {

  @Test
  void acknowledgesOnlyUpToTheFirstEntryStillInFlight() {
    ReplayAcks acks = new ReplayAcks();
    acks.sent(10);
    acks.sent(11);
    acks.sent(14); // 12 and 13 were corrupt and skipped by the journal
    assertThat(acks.delivered(11)).isEqualTo(-1);
    assertThat(acks.delivered(10)).as("12 and 13 are not in the journal: up to 13").isEqualTo(13);
    assertThat(acks.delivered(14)).isEqualTo(14);
  }

  @Test
  void anAckForSomethingNotOutstandingChangesNothing() {
    ReplayAcks acks = new ReplayAcks();
    acks.sent(1);
    acks.reset();
    assertThat(acks.delivered(1)).isEqualTo(-1);
    acks.sent(1);
    acks.unsent(1);
    assertThat(acks.delivered(1)).isEqualTo(-1);
  }

  @Test
  void anEntryNotHandedOverIsNotAcknowledgedWithTheOnesBeforeIt() {
    ReplayAcks acks = new ReplayAcks();
    acks.sent(1);
    acks.sent(2);
    acks.unsent(2); // the client could not take it: sent again later
    assertThat(acks.delivered(1)).as("not up to 2").isEqualTo(1);
    acks.sent(2);
    assertThat(acks.delivered(2)).isEqualTo(2);
  }

  @Test
  void theMarkNeverMovesBack() {
    ReplayAcks acks = new ReplayAcks();
    acks.sent(5);
    assertThat(acks.delivered(5)).isEqualTo(5);
    acks.reset();
    acks.sent(3);
    assertThat(acks.delivered(3)).isEqualTo(-1);
  }
}
