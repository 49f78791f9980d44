package space.lunarbase.fleet;

import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.link.BrokerEndpoint;
import space.lunarbase.wire.Topic.Kind;
import space.lunarbase.wire.Topics;

/**
 * {@code ./run-fleet N}: N simulated controllers in this JVM until Ctrl-C, SIGTERM or
 * {@code --duration}; a status line every 10 s, the totals at the end. Exit codes: 0 done, 2 a
 * controller cannot be set up (a TLS file, the data folder), 64 bad arguments.
 */
public final class FleetMain {

  private static final Duration STATUS_EVERY = Duration.ofSeconds(10);

  private FleetMain() {}

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    FleetArgs parsed;
    try {
      parsed = FleetArgs.parse(args);
    } catch (FleetArgs.BadArgs e) {
      System.err.println("run-fleet: " + e.getMessage());
      System.err.println(FleetArgs.USAGE);
      System.exit(64);
      return;
    }
    if (parsed.manifest()) {
      out.print(FleetMix.manifest(parsed.site(), parsed.controllers()));
      return;
    }
    BrokerEndpoint broker = new BrokerEndpoint(parsed.broker().orElse(FleetSettings.RUN_SIM_BROKER), parsed.mqtt3(),
        "the embedded demo broker");
    FleetSettings settings = new FleetSettings(parsed.site(), broker, parsed.dataDir(), parsed.siteDir(),
        parsed.storeAndForward());
    Fleet fleet;
    try {
      fleet = Fleet.start(settings, parsed.controllers(), InstantSource.system());
    } catch (InvalidConfigException | java.io.UncheckedIOException e) {
      System.err.println("run-fleet: cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, Long> families = fleet.controllers().stream()
        .collect(Collectors.groupingBy(SimController::family, java.util.TreeMap::new, Collectors.counting()));
    out.printf("fleet: %d controllers of site %s (%s) at %s%s, %s, data in %s%n", parsed.controllers(), parsed.site(),
        families.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")),
        broker.url(), broker.embedded() ? " (" + broker.note() + ", MQTT 3.1.1)" : " (MQTT 5)",
        parsed.storeAndForward() ? "QoS 1 with store-and-forward" : "QoS 0", parsed.dataDir());
    out.println("Watch them: ./lunarctl watch '" + Topics.filter(parsed.site(), "+", Kind.STATE) + "' --broker " + broker.url()
        + "   ./lunarctl state --broker " + broker.url());
    out.flush();

    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean closing = new AtomicBoolean();
    Runnable shutdown = () -> {
      if (closing.getAndSet(true)) {
        return;
      }
      fleet.close();
      out.printf("fleet: stopped: sent=%d published=%d dropped=%d%n", fleet.totalSent(), fleet.published(),
          fleet.dropped());
      out.flush();
      stopped.countDown();
    };
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      shutdown.run();
      try {
        stopped.await(90, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "fleet-shutdown"));
    long deadline = parsed.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    while (System.nanoTime() < deadline) {
      long wait = Math.min(STATUS_EVERY.toNanos(), deadline - System.nanoTime());
      if (stop.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
        return;
      }
      out.printf("fleet: connected %d/%d, sent=%d published=%d dropped=%d%n", fleet.connected(),
          parsed.controllers(), fleet.totalSent(), fleet.published(), fleet.dropped());
      out.flush();
    }
    shutdown.run();
    System.exit(0);
  }
}
