package space.lunarbase.bench.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import space.lunarbase.fleet.DeliveryCheck;
import space.lunarbase.fleet.FleetWatch;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The fleet scale bench: for each N, a fresh Mosquitto ({@code deploy/mosquitto/test.conf}), the
 * ground station ingesting the site (a process, fresh archive), a watcher that checks every
 * sequence and the age of every live message, and the fleet of N (a process, {@code fleet.jar});
 * after all N are born and a warm-up, a measurement window; then the fleet is stopped (it drains)
 * and what arrived is set against what it sent. Prints one Markdown table and writes it to
 * {@code bench/target/fleet-scale.md}. Settings as {@code key=value}: {@code sizes}
 * (100,250,500,1000), {@code warmup} (15 s), {@code seconds} (60), {@code station} (true),
 * {@code fleetOpts} (the JVM options of {@code ./run-fleet}).
 */
public final class FleetScale {

  private static final Pattern SENT = Pattern.compile("sent=([0-9]+) published=([0-9]+)");

  private FleetScale() {}

  /** One size's figures. */
  record Row(int n, long sent, long acked, long delivered, long unflagged, double rate, double p50, double p99, double p999,
             double brokerCpu, double stationCpu, double stationRate, double stationLagS, double stationCatchUpS, double fleetCpu,
             double fleetRss, long fleetThreads, String load, String note) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("sizes", "100,250,500,1000", "warmup", "15",
        "seconds", "60", "station", "true", "fleetOpts", "-XX:+UseSerialGC -Xss256k -Xmx1g"));
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1 || !settings.containsKey(arg.substring(0, eq))) {
        System.err.println("fleet-scale: unknown setting '" + arg + "'; known: " + settings.keySet());
        System.exit(64);
      }
      settings.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    // stopped early (Ctrl-C): stop the broker, station and fleet this harness started
    Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
        .forEach(ProcessHandle::destroy)));
    Path root = Path.of("").toAbsolutePath();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path fleetJar = root.resolve("fleet/target/fleet.jar");
    Path stationJar = root.resolve("ground-station/target/ground-station-all.jar");
    boolean station = Boolean.parseBoolean(settings.get("station"));
    for (Path jar : station ? List.of(fleetJar, stationJar) : List.of(fleetJar)) {
      if (!Files.exists(jar)) {
        System.err.println("fleet-scale: " + jar + " is missing: build it first (bench/fleet-scale does)");
        System.exit(2);
      }
    }
    Path work = Files.createTempDirectory("fleet-scale");
    List<Row> rows = new ArrayList<>();
    String machine = "%d cores, load average %s at start".formatted(Runtime.getRuntime().availableProcessors(),
        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    for (String size : settings.get("sizes").split(",")) {
      int n = Integer.parseInt(size.trim());
      System.err.printf("fleet-scale: %d controllers...%n", n);
      rows.add(measure(n, Duration.ofSeconds(Long.parseLong(settings.get("warmup"))),
          Duration.ofSeconds(Long.parseLong(settings.get("seconds"))), station, java, fleetJar, stationJar,
          settings.get("fleetOpts"), work.resolve("n" + n)));
      System.err.println(line(rows.getLast(), rows));
    }
    String table = table(rows, settings, machine);
    System.out.println(table);
    Path out = root.resolve("bench/target/fleet-scale.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.err.println("fleet-scale: written to " + out);
  }

  @SuppressWarnings("try") // the watcher is held open for the window, not called in it
  private static Row measure(int n, Duration warmup, Duration window, boolean withStation, Path java, Path fleetJar,
                             Path stationJar, String fleetOpts, Path dir) throws Exception {
    Files.createDirectories(dir);
    DeliveryCheck check = new DeliveryCheck();
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      StationProcess station = withStation ? StationProcess.start(java, stationJar, broker.url(),
          dir.resolve("station"), MosquittoBroker.FreePort.find(), dir.resolve("station.log")) : null;
      try (FleetWatch watch = FleetWatch.open(broker.url(), "fleet-scale-watch", Optional.empty(), "lunar-south",
          check, Duration.ofSeconds(10))) {
        if (station != null) {
          station.awaitConnected(Duration.ofSeconds(90));
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(Arrays.asList(fleetOpts.trim().split("\\s+")));
        command.addAll(List.of("-Dlogback.configurationFile=fleet-logback.xml", "-jar", fleetJar.toString(),
            Integer.toString(n), "--broker", broker.url(), "--data-dir", dir.resolve("fleet").toString()));
        Process fleet = new ProcessBuilder(command).redirectError(dir.resolve("fleet.err").toFile()).start();
        AtomicLong sent = new AtomicLong(-1);
        AtomicLong acked = new AtomicLong(-1);
        Path fleetOut = dir.resolve("fleet.out");
        Thread reader = Thread.ofPlatform().daemon().start(() -> readSent(fleet, sent, acked, fleetOut));
        String note = "";
        long bornBy = System.nanoTime() + Duration.ofSeconds(60 + n / 10).toNanos();
        while (births(check) < n && System.nanoTime() < bornBy && fleet.isAlive()) {
          Thread.sleep(200);
        }
        if (births(check) < n) {
          note = "only %d of %d born".formatted(births(check), n);
        }
        Thread.sleep(warmup.toMillis());
        check.resetAges();
        long brokerPid = broker.pid();
        double brokerCpu0 = ProcStat.cpuSeconds(brokerPid);
        double stationCpu0 = station == null ? Double.NaN : ProcStat.cpuSeconds(station.pid());
        long committed0 = station == null ? 0 : station.committed();
        double fleetCpu0 = ProcStat.cpuSeconds(fleet.pid());
        long messages0 = check.messages();
        long start = System.nanoTime();
        double rss = 0;
        long threads = 0;
        while (System.nanoTime() - start < window.toNanos()) {
          Thread.sleep(1_000);
          rss = Math.max(rss, ProcStat.rssMiB(fleet.pid()));
          threads = Math.max(threads, ProcStat.threads(fleet.pid()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        double brokerCpu = (ProcStat.cpuSeconds(brokerPid) - brokerCpu0) / seconds * 100;
        double stationCpu = station == null ? Double.NaN : (ProcStat.cpuSeconds(station.pid()) - stationCpu0) / seconds * 100;
        double fleetCpu = (ProcStat.cpuSeconds(fleet.pid()) - fleetCpu0) / seconds * 100;
        long received = check.messages();
        double rate = (received - messages0) / seconds;
        double p50 = check.ageMillis(50);
        double p99 = check.ageMillis(99);
        double p999 = check.ageMillis(99.9);
        double lag = Double.NaN;
        double stationRate = Double.NaN;
        if (station != null) {
          long committed = station.committed();
          lag = committed < 0 ? Double.NaN : Math.max(0, received - committed) / Math.max(1, rate);
          stationRate = (committed - committed0) / seconds;
        }
        // SIGTERM through the handle: Process.destroy() would also close our end of its stdout, and
        // the fleet prints what it sent only once it has drained and sent OFFLINE
        fleet.toHandle().destroy();
        if (fleet.waitFor(120, TimeUnit.SECONDS)) {
          System.err.println("fleet-scale: fleet exited with " + fleet.exitValue());
        } else {
          fleet.destroyForcibly();
          note = (note.isEmpty() ? "" : note + "; ") + "fleet did not stop within 120 s";
        }
        reader.join(5_000);
        long stopped = System.nanoTime();
        long expected = sent.get();
        long quietBy = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (check.distinct() < expected && System.nanoTime() < quietBy) {
          Thread.sleep(100);
        }
        double catchUp = Double.NaN;
        if (station != null) {
          // caught up: committed as many as the watcher received; given up when it stalls for 15 s
          // (the broker dropped what it could not queue for the station: max_queued_messages)
          long target = check.messages();
          long committed = station.committed();
          long last = committed;
          long lastGrowth = System.nanoTime();
          while (committed < target && System.nanoTime() - lastGrowth < Duration.ofSeconds(15).toNanos()) {
            Thread.sleep(250);
            committed = station.committed();
            if (committed > last) {
              last = committed;
              lastGrowth = System.nanoTime();
            }
          }
          catchUp = committed >= target ? (System.nanoTime() - stopped) / 1e9 : Double.NaN;
          if (committed < target) {
            note = (note.isEmpty() ? "" : note + "; ") + ("station archived %,d of %,d (stalled: the broker dropped"
                + " what it could not queue for it)").formatted(committed, target);
          }
        }
        long unflagged = check.tallies().values().stream().mapToLong(DeliveryCheck.Tally::unflaggedDuplicates).sum();
        return new Row(n, expected, acked.get(), check.distinct(), unflagged, rate, p50, p99, p999, brokerCpu, stationCpu, stationRate, lag,
            catchUp, fleetCpu, rss, threads, load, note);
      } finally {
        if (station != null) {
          station.close();
        }
      }
    }
  }

  private static long births(DeliveryCheck check) {
    return check.tallies().keySet().stream().filter(k -> k.stream().equals("state")).count();
  }

  private static void readSent(Process fleet, AtomicLong sent, AtomicLong acked, Path copy) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8));
         var out = Files.newBufferedWriter(copy)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        Matcher m = SENT.matcher(line);
        if (line.startsWith("fleet: stopped") && m.find()) {
          sent.set(Long.parseLong(m.group(1)));
          acked.set(Long.parseLong(m.group(2)));
        }
      }
    } catch (IOException e) {
      // the fleet is gone: what it printed is what there is
    }
  }

  private static String line(Row r, List<Row> rows) {
    return "| %,d | %,d | %,.0f | %,d / %,d (%s) | %d | %.1f / %.1f / %.1f | %.0f %% | %s | %s | %.0f %% | %.0f MiB, %d threads | %s | %s | %s |"
        .formatted(r.n(), r.acked(), r.rate(), r.delivered(), r.sent(), ratio(r), r.unflagged(), r.p50(), r.p99(), r.p999(),
            r.brokerCpu(), Double.isNaN(r.stationCpu()) ? "–" : "%.0f %%".formatted(r.stationCpu()),
            Double.isNaN(r.stationLagS()) ? "–" : "%,.0f msg/s; %.1f s / %s".formatted(r.stationRate(), r.stationLagS(),
                Double.isNaN(r.stationCatchUpS()) ? "not caught up" : "%.0f s".formatted(r.stationCatchUpS())),
            r.fleetCpu(), r.fleetRss(), r.fleetThreads(), perController(r, rows), r.load(), r.note());
  }

  private static String ratio(Row r) {
    if (r.sent() <= 0) {
      return "sent unknown";
    }
    return r.delivered() == r.sent() ? "no loss" : "%.4f".formatted((double) r.delivered() / r.sent());
  }

  /** RSS per controller: the whole process over N, and the step from the previous size. */
  private static String perController(Row r, List<Row> rows) {
    int i = rows.indexOf(r);
    String whole = "%.2f MiB".formatted(r.fleetRss() / r.n());
    if (i <= 0) {
      return whole;
    }
    Row previous = rows.get(i - 1);
    return whole + " (%.2f marginal)".formatted((r.fleetRss() - previous.fleetRss()) / (r.n() - previous.n()));
  }

  private static String table(List<Row> rows, Map<String, String> settings, String machine) {
    StringBuilder out = new StringBuilder()
        .append("## Fleet scale, ").append(Instant.now()).append(" (").append(machine).append(")\n\n")
        .append("Settings: ").append(settings).append("\n\n")
        .append("| controllers | broker-acked telemetry | msg/s at the watcher | delivered / sent | unflagged duplicates | e2e age p50 / p99 / p99.9 (ms) | broker CPU | station CPU | station: archived msg/s; ingest lag at window end / caught up after stop | fleet CPU | fleet RSS | RSS per controller | load average | note |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    rows.forEach(r -> out.append(line(r, rows)).append('\n'));
    return out.toString();
  }
}
