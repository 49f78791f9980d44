package space.lunarbase.fleet;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N {@link SimController}s in this JVM, ticked at 10 Hz by one small scheduler: the controllers
 * fall into {@link #PHASES} groups whose cycles start evenly over the 100 ms, so the broker sees a
 * steady stream rather than one burst, while each wake-up of the scheduler ticks a whole group
 * (a wake-up per controller would cost more in thread switches than the cycles themselves).
 */
final class Fleet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  /** The longest wait at stop for what the controllers have queued to be acknowledged. */
  static final Duration DRAIN = Duration.ofSeconds(15);
  private static final long CYCLE_NANOS = 1_000_000_000L / SimController.CYCLE_HZ;
  /** Groups of controllers ticked together, one every 10 ms. */
  static final int PHASES = 10;

  private final List<SimController> controllers;
  private final ScheduledExecutorService ticker;
  private final List<ScheduledFuture<?>> ticking = new ArrayList<>();
  private final InstantSource clock;

  private Fleet(List<SimController> controllers, InstantSource clock) {
    this.controllers = List.copyOf(controllers);
    this.clock = clock;
    this.ticker = Executors.newScheduledThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "fleet-tick");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Builds and starts N controllers (the mix of {@link FleetMix}). */
  static Fleet start(FleetSettings settings, int n, InstantSource clock) {
    List<SimController> controllers = new ArrayList<>(n);
    int i = 0;
    for (FleetMix.Member member : FleetMix.of(n)) {
      double phase = 120.0 * i++ / Math.max(1, n);
      SimController controller = new SimController(member.id(), FleetMix.family(member, phase), settings, clock);
      controller.start();
      controllers.add(controller);
    }
    Fleet fleet = new Fleet(controllers, clock);
    fleet.startTicking();
    return fleet;
  }

  private void startTicking() {
    int n = controllers.size();
    int phases = Math.min(PHASES, n);
    for (int phase = 0; phase < phases; phase++) {
      List<SimController> group = controllers.subList(n * phase / phases, n * (phase + 1) / phases);
      long offset = CYCLE_NANOS * phase / phases;
      ticking.add(ticker.scheduleAtFixedRate(() -> group.forEach(this::tick), offset, CYCLE_NANOS,
          TimeUnit.NANOSECONDS));
    }
  }

  private void tick(SimController controller) {
    try {
      controller.tick(clock.instant());
    } catch (RuntimeException e) {
      LOG.error("controller {}: cycle failed: {}", controller.id(), e.toString(), e);
    }
  }

  private void awaitDrained(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline && controllers.stream().anyMatch(SimController::busy)) {
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  List<SimController> controllers() {
    return controllers;
  }

  /** Controllers whose link is connected now. */
  long connected() {
    return controllers.stream().filter(c -> c.link().isConnected()).count();
  }

  /** Per controller ({@code site/id}), every stream with its last sequence number. */
  Map<String, Map<String, Long>> sent() {
    Map<String, Map<String, Long>> sent = new LinkedHashMap<>();
    controllers.forEach(c -> sent.put(c.name(), c.sent()));
    return sent;
  }

  /** Per controller ({@code site/id}), its boot count. */
  Map<String, Long> boots() {
    Map<String, Long> boots = new LinkedHashMap<>();
    controllers.forEach(c -> boots.put(c.name(), c.boot()));
    return boots;
  }

  /** Messages stamped by every controller so far, all streams. */
  long totalSent() {
    return controllers.stream().mapToLong(c -> c.sent().values().stream().mapToLong(Long::longValue).sum()).sum();
  }

  /** Messages the brokers have acknowledged (QoS 1) or been handed (QoS 0), all controllers. */
  long published() {
    return controllers.stream().mapToLong(c -> c.link().published()).sum();
  }

  /** Messages dropped from full outboxes, all controllers. */
  long dropped() {
    return controllers.stream().mapToLong(SimController::dropped).sum();
  }

  /**
   * Stops ticking, gives the links up to {@link #DRAIN} to empty their outboxes and windows (a
   * controller going quiet before it stops), then closes every link in parallel (each: what is
   * left, OFFLINE, disconnect; what could not go is journaled for its next boot).
   */
  @Override
  public void close() {
    ticking.forEach(f -> f.cancel(false));
    ticker.shutdown();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    awaitDrained(DRAIN);
    ExecutorService closer = Executors.newFixedThreadPool(Math.max(1, Math.min(64, controllers.size())));
    controllers.forEach(c -> closer.execute(c::close));
    closer.shutdown();
    try {
      if (!closer.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("some controllers did not close within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
