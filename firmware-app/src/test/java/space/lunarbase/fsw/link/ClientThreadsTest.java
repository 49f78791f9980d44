package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientThreadsTest {

  @Test
  void aLinkOnAPlatformThreadKeepsPahosOwnThreads() {
    assertThat(ClientThreads.like(Thread.ofPlatform().factory(), "lunar-south.bank-ctl-1")).isEmpty();
  }

  @Test
  void aLinkOnAVirtualThreadGivesPahoVirtualThreadsAndTimedRuns() throws Exception {
    ScheduledExecutorService threads = ClientThreads.like(Thread.ofVirtual().factory(), "tracker-7").orElseThrow();

    CompletableFuture<Thread> ran = new CompletableFuture<>();
    threads.submit(() -> ran.complete(Thread.currentThread()));
    assertThat(ran.get(10, TimeUnit.SECONDS).isVirtual()).isTrue();
    assertThat(ran.get().getName()).startsWith("mqtt-client-tracker-7-");

    long asked = System.nanoTime();
    CompletableFuture<Thread> pinged = new CompletableFuture<>();
    threads.schedule(() -> {
      pinged.complete(Thread.currentThread());
    }, 50, TimeUnit.MILLISECONDS);
    assertThat(pinged.get(10, TimeUnit.SECONDS).isVirtual()).isTrue();
    assertThat(System.nanoTime() - asked).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));

    CompletableFuture<Thread> cancelled = new CompletableFuture<>();
    threads.schedule(() -> {
      cancelled.complete(Thread.currentThread());
    }, 1, TimeUnit.HOURS).cancel(false);
    threads.shutdown();
    assertThat(threads.isShutdown()).isTrue();
    assertThat(cancelled).isNotDone();
  }
}
