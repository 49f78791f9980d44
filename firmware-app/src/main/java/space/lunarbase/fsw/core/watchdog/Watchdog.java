package space.lunarbase.fsw.core.watchdog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.fdir.Safing;
import space.lunarbase.fsw.core.rate.Progress;
import space.lunarbase.fsw.core.rate.RateGroup;
import space.lunarbase.fsw.core.rate.RateGroupDriver;

/**
 * The software watchdog: a thread of its own, on the system's monotonic clock (independent of the
 * rate groups and of the injected clock), that checks every group's {@link Progress} a few times
 * per stuck threshold. While every group progresses it keeps the service manager's watchdog fed
 * ({@link ServiceManager#alive}). When a group is stuck it raises a FATAL {@code RATE_GROUP_STUCK}
 * event, calls {@link Safing} once, and stops feeding the service manager, which then restarts the
 * process. A trip is final: only a restart clears it. A failed {@link Vital} (e.g. the link's dead
 * receive path, which raised its own FATAL event) stops the notifications too, without safing.
 */
public final class Watchdog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);


  private static final long MAX_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final RateGroupDriver driver;
  private final Progress progress;
  private final Safing safing;
  private final EventLog events;
  private final ServiceManager serviceManager;
  private final LongSupplier nanoTime;
  private final long checkNanos;
  private final List<Vital> vitals;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Set<String> stuck = new LinkedHashSet<>();
  private volatile boolean tripped;
  private Thread thread;

  public Watchdog(RateGroupDriver driver, Progress progress, long minStuckNanos, Safing safing, EventLog events,
                  ServiceManager serviceManager, LongSupplier nanoTime) {
    this(driver, progress, minStuckNanos, safing, events, serviceManager, nanoTime, List.of());
  }

  public Watchdog(RateGroupDriver driver, Progress progress, long minStuckNanos, Safing safing, EventLog events,
                  ServiceManager serviceManager, LongSupplier nanoTime, List<Vital> vitals) {
    this.vitals = List.copyOf(vitals);
    this.driver = driver;
    this.progress = progress;
    this.safing = safing;
    this.events = events;
    this.serviceManager = serviceManager;
    this.nanoTime = nanoTime;
    long feed = serviceManager.interval().toNanos();
    long check = Math.min(minStuckNanos / 4, MAX_CHECK_NANOS);
    this.checkNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), feed > 0 ? Math.min(check, feed / 2) : check);
  }

  /** Starts the watchdog's thread. Once. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = Thread.ofPlatform().name("watchdog").daemon(true).priority(Thread.MAX_PRIORITY).unstarted(this::loop);
    thread.start();
  }

  /** Whether a group was found stuck. */
  public boolean tripped() {
    return tripped;
  }

  /** Whether {@code group} is stuck now. */
  public boolean stuck(RateGroup group) {
    return progress.stuck(group, nanoTime.getAsLong());
  }

  private void loop() {
    try {
      do {
        check();
      } while (!stop.await(checkNanos, TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // a dead watchdog must not keep feeding systemd: it does not, as feeding happens only here
      LOG.error("watchdog failed; the service manager will restart the firmware: {}", e.toString(), e);
      throw e;
    }
  }

  /** One check of every group; feeds the service manager while all progress. */
  void check() {
    if (!driver.running()) {
      return;
    }
    serviceManager.ready();
    long now = nanoTime.getAsLong();
    for (RateGroup group : driver.groups()) {
      if (progress.stuck(group, now) && stuck.add(group.name())) {
        trip(group);
      }
    }
    if (tripped) {
      return;
    }
    for (Vital vital : vitals) {
      var failure = vital.failure();
      if (failure.isPresent()) {
        serviceManager.stopWatchdog(failure.get());
        return;
      }
    }
    serviceManager.alive(now);
  }

  private void trip(RateGroup group) {
    boolean first = !tripped;
    tripped = true;
    long thresholdMs = progress.thresholdNanos(group) / 1_000_000;
    String text = "rate group %s is stuck: no progress for more than %d ms (%d cycles run); safing and letting the service manager restart the firmware"
        .formatted(group.name(), thresholdMs, group.cycles());
    try {
      events.emit(CoreEvents.RATE_GROUP_STUCK, text, Map.of("group", group.name(), "threshold_ms", Long.toString(thresholdMs),
          "cycles", Long.toString(group.cycles())));
    } catch (RuntimeException e) {
      LOG.error("cannot emit {}: {}", CoreEvents.RATE_GROUP_STUCK.name(), e.toString(), e);
    }
    if (first) {
      try {
        safing.safe("rate group " + group.name() + " stuck");
      } catch (RuntimeException e) {
        LOG.error("safing failed: {}", e.toString(), e);
      }
      serviceManager.stopWatchdog("rate group " + group.name() + " stuck");
    }
  }

  /** Stops the thread (before the rate groups stop, so stopping is not taken for stuck). Idempotent. */
  @Override
  public synchronized void close() {
    stop.countDown();
    if (thread != null) {
      try {
        thread.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
