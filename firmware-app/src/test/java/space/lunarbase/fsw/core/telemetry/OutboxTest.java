package space.lunarbase.fsw.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxTest {

  static Outbound message(int n) {
    return new Outbound("tlm/bank", new byte[] {(byte) n}, 0, false);
  }

  @Test
  void whenFullTheOldestIsDroppedAndCounted() throws Exception {
    Outbox outbox = new Outbox(3);
    for (int i = 1; i <= 5; i++) {
      outbox.offer(message(i));
    }
    assertThat(outbox.offered()).isEqualTo(5);
    assertThat(outbox.dropped()).isEqualTo(2);
    assertThat(outbox.depth()).isEqualTo(3);
    assertThat(outbox.poll(Duration.ZERO).payload()).containsExactly(3);
    assertThat(outbox.poll(Duration.ZERO).payload()).containsExactly(4);
    assertThat(outbox.poll(Duration.ZERO).payload()).containsExactly(5);
    assertThat(outbox.poll(Duration.ofMillis(1))).isNull();
  }

  @Test
  void aMessageReturnedToTheHeadIsNextOut() throws Exception {
    Outbox outbox = new Outbox(4);
    outbox.offer(message(1));
    outbox.offer(message(2));
    Outbound first = outbox.poll(Duration.ZERO);
    outbox.returnToHead(first);
    assertThat(outbox.poll(Duration.ZERO).payload()).containsExactly(1);
    assertThat(outbox.dropped()).isZero();
  }

  @Test
  void streamsThatWouldBreakTheTopicTreeAreRefused() {
    assertThatThrownBy(() -> new Outbound("tlm/#", new byte[0], 0, false)).hasMessageContaining("bad stream");
    assertThatThrownBy(() -> new Outbound("/tlm", new byte[0], 0, false)).hasMessageContaining("bad stream");
    assertThatThrownBy(() -> new Outbound("tlm/bank", new byte[0], 2, false)).hasMessageContaining("qos");
  }
}
