package space.lunarbase.fsw.link;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a Paho client when its link runs on a virtual thread: every task Paho starts (its
 * receiver, sender and callback loops, a connect or disconnect) on a virtual thread of its own,
 * and its keepalive pings timed by one scheduler shared by every client of the process, instead of
 * four platform threads per client. For tools that run hundreds of links in one process; the
 * firmware's single link keeps Paho's own threads.
 *
 * <p>Only from Java 24 on: there a virtual thread waiting in a {@code synchronized} block or in
 * {@code Object.wait()}, as Paho's loops do, releases its carrier; before, hundreds of them would
 * pin every carrier.
 */
final class ClientThreads extends AbstractExecutorService implements ScheduledExecutorService {

  /** The first Java release whose virtual threads unmount in monitors and {@code Object.wait()}. */
  static final int UNPINNED_MONITORS = 24;

  /** Times every client's pings; a due ping runs on a thread of its own client. */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("mqtt-client-timer").daemon().factory());

  private final ThreadFactory threads;
  private volatile boolean shutdown;

  private ClientThreads(ThreadFactory threads) {
    this.threads = threads;
  }

  /**
   * Paho's threads for client {@code clientId} of a link whose own thread {@code link} makes:
   * virtual ones when that thread is virtual (and the runtime does not pin them); empty, Paho's
   * defaults, otherwise.
   */
  static Optional<ScheduledExecutorService> like(ThreadFactory link, String clientId) {
    Thread probe = link.newThread(() -> {});
    if (probe == null || !probe.isVirtual() || Runtime.version().feature() < UNPINNED_MONITORS) {
      return Optional.empty();
    }
    return Optional.of(new ClientThreads(Thread.ofVirtual().name("mqtt-client-" + clientId + "-", 0).factory()));
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("the client's threads are shut down");
    }
    threads.newThread(task).start();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    return TIMER.schedule(() -> execute(task), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("Paho schedules only runnables");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("Paho schedules only single runs");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("Paho schedules only single runs");
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }
}
