package space.lunarbase.fsw.core.time;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import space.lunarbase.fsw.config.AuthoritySettings;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;

/**
 * Polls the clock's synchronisation every {@code lunarbase.authority.clock-sync-period} (a task of
 * the slowest rate group dividing it). The rate group only starts a poll; the poll itself (a short
 * program on a board) runs on a thread of its own, one at a time, so the group is never late for it.
 */
@Context
public final class ClockSyncTask implements RateGroupTask, AutoCloseable {

  private final ClockSyncMonitor monitor;
  private final ExecutorService poller = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "clock-sync");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean polling = new AtomicBoolean();

  public ClockSyncTask(ClockSyncMonitor monitor, RateGroupDriver driver, AuthoritySettings settings) {
    this.monitor = monitor;
    driver.every(settings.clockSyncPeriod(), "lunarbase.authority.clock-sync-period", this, false);
  }

  @Override
  public String name() {
    return "clock-sync";
  }

  @Override
  public void run(Instant cycleTime) {
    if (polling.compareAndSet(false, true)) {
      try {
        poller.execute(() -> {
          try {
            monitor.poll();
          } finally {
            polling.set(false);
          }
        });
      } catch (RejectedExecutionException e) {
        polling.set(false); // shutting down
      }
    }
  }

  @PreDestroy
  @Override
  public void close() {
    poller.shutdownNow();
  }
}
