package space.lunarbase.fsw.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  void aWakeEndsTheWaitingPollWithoutAMessageAndOnlyOnce() throws Exception {
    Outbox outbox = new Outbox(4);
    CompletableFuture<Outbound> waiting = new CompletableFuture<>();
    long started = System.nanoTime();
    Thread.ofPlatform().start(() -> {
      try {
        waiting.complete(outbox.poll(Duration.ofSeconds(30)));
      } catch (InterruptedException e) {
        waiting.completeExceptionally(e);
      }
    });
    outbox.wake();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    // the wake was used up: the next poll waits its whole time again, and a message offered ends it
    long again = System.nanoTime();
    assertThat(outbox.poll(Duration.ofMillis(50))).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - again)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    outbox.offer(message(7));
    assertThat(outbox.poll(Duration.ofSeconds(30)).payload()).containsExactly(7);
    assertThat(outbox.depth()).isZero();
  }

  @Test
  void aMessageReturnedToAFullOutboxIsTheOneDropped() throws Exception {
    Outbox outbox = new Outbox(2);
    outbox.offer(message(1));
    Outbound first = outbox.poll(Duration.ZERO);
    outbox.offer(message(2));
    outbox.offer(message(3));
    outbox.returnToHead(first);
    assertThat(outbox.dropped()).isEqualTo(1);
    assertThat(outbox.poll(Duration.ZERO).payload()).containsExactly(2);
    assertThat(outbox.poll(Duration.ZERO).payload()).containsExactly(3);
  }

  @Test
  void streamsThatWouldBreakTheTopicTreeAreRefused() {
    assertThatThrownBy(() -> new Outbound("tlm/#", new byte[0], 0, false)).hasMessageContaining("bad stream");
    assertThatThrownBy(() -> new Outbound("/tlm", new byte[0], 0, false)).hasMessageContaining("bad stream");
    assertThatThrownBy(() -> new Outbound("tlm/bank", new byte[0], 2, false)).hasMessageContaining("qos");
  }
}
