package space.lunarbase.fsw.core.cadence;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the firmware's periodic tasks (sampling, link health) on threads it owns, and stops them all
 * at once before the rest of the firmware shuts down, so no task runs against a half-closed
 * context. Tasks hold their collaborators directly; a task that throws is logged and keeps its
 * period. (The flight core's rate groups, driven by the injected clock, will take this over.)
 */
@Context
public final class Cadence implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Cadence.class);

  private final AtomicInteger threads = new AtomicInteger();
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, task -> {
    Thread thread = new Thread(task, "cadence-" + threads.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  /** Runs {@code task} every {@code period}, the first time after {@code initialDelay}. */
  public void every(String name, Duration period, Duration initialDelay, Runnable task) {
    executor.scheduleAtFixedRate(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("periodic task {} failed: {}", name, e.toString(), e);
      }
    }, initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops every task and waits (up to 2 s) for running ones to finish. Idempotent. */
  @PreDestroy
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
