package space.lunarbase.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run measures and how long. Every field can be set as {@code key=value} on the command
 * line (e.g. {@code messages=50000 jmh=false}).
 *
 * @param messages samples (pipeline) or messages (bare) per throughput round
 * @param warmups unmeasured throughput rounds per side and QoS, first
 * @param rounds measured throughput rounds per side and QoS (sides alternate)
 * @param maxInflight the QoS 1 window of the link and of the bare publisher
 * @param latencyRate paced messages per second in the latency runs
 * @param latencySeconds measured seconds per latency run
 * @param latencyWarmupSeconds unmeasured seconds before each latency run
 * @param latencyQos the QoS of the latency runs (1; 0 for a diagnosis)
 * @param plain whether to run sections 1 and 2 (a plain Mosquitto)
 * @param tls whether to run section 3 (the site broker over TLS, and plain TCP on the same broker)
 * @param tlsQos the QoS levels section 3 measures throughput at, in order ({@code 0,1}); latency
 *     runs at {@code latencyQos} if listed
 * @param jmh whether to run the JMH encoding benchmarks (forks JVMs; about 40 s)
 * @param jmhIterations JMH warm-up and measurement iterations of 1 s each
 * @param out where the Markdown report goes
 */
public record BenchConfig(int messages, int warmups, int rounds, int maxInflight, int latencyRate,
                          double latencySeconds, double latencyWarmupSeconds, int latencyQos, boolean plain,
                          boolean tls, List<Integer> tlsQos, boolean jmh, int jmhIterations, Path out) {

  public BenchConfig {
    tlsQos = List.copyOf(tlsQos);
    if (tlsQos.isEmpty() || tlsQos.stream().anyMatch(q -> q != 0 && q != 1)) {
      throw new IllegalArgumentException("tlsQos must list 0 and/or 1, got " + tlsQos);
    }
  }

  /** The full run: about four minutes on 2 cores. */
  public static BenchConfig defaults() {
    return new BenchConfig(30_000, 2, 5, 1000, 200, 10, 2, 1, true, true, List.of(0, 1), true, 4, defaultOut());
  }

  /** A tiny run for the smoke test: a few seconds, TLS at QoS 1 only, no JMH. */
  public static BenchConfig quick(Path out) {
    return new BenchConfig(300, 1, 1, 1000, 200, 0.5, 0.2, 1, true, true, List.of(1), false, 1, out);
  }

  /** {@link #defaults()} with {@code key=value} arguments applied. */
  public static BenchConfig parse(String... args) {
    Map<String, String> kv = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got " + arg);
      }
      kv.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    BenchConfig d = defaults();
    BenchConfig c = new BenchConfig(
        Integer.parseInt(kv.getOrDefault("messages", "" + d.messages)),
        Integer.parseInt(kv.getOrDefault("warmups", "" + d.warmups)),
        Integer.parseInt(kv.getOrDefault("rounds", "" + d.rounds)),
        Integer.parseInt(kv.getOrDefault("maxInflight", "" + d.maxInflight)),
        Integer.parseInt(kv.getOrDefault("latencyRate", "" + d.latencyRate)),
        Double.parseDouble(kv.getOrDefault("latencySeconds", "" + d.latencySeconds)),
        Double.parseDouble(kv.getOrDefault("latencyWarmupSeconds", "" + d.latencyWarmupSeconds)),
        Integer.parseInt(kv.getOrDefault("latencyQos", "" + d.latencyQos)),
        Boolean.parseBoolean(kv.getOrDefault("plain", "" + d.plain)),
        Boolean.parseBoolean(kv.getOrDefault("tls", "" + d.tls)),
        kv.containsKey("tlsQos") ? Arrays.stream(kv.get("tlsQos").split(",")).map(String::strip)
            .map(Integer::parseInt).toList() : d.tlsQos,
        Boolean.parseBoolean(kv.getOrDefault("jmh", "" + d.jmh)),
        Integer.parseInt(kv.getOrDefault("jmhIterations", "" + d.jmhIterations)),
        Path.of(kv.getOrDefault("out", d.out.toString())));
    kv.keySet().removeAll(java.util.Set.of("messages", "warmups", "rounds", "maxInflight", "latencyRate",
        "latencySeconds", "latencyWarmupSeconds", "latencyQos", "plain", "tls", "tlsQos", "jmh", "jmhIterations", "out"));
    if (!kv.isEmpty()) {
      throw new IllegalArgumentException("unknown settings: " + kv.keySet());
    }
    return c;
  }

  /** {@code bench/target/bench-results.md} from the repository root, else {@code target/...}. */
  private static Path defaultOut() {
    return Files.isDirectory(Path.of("bench")) ? Path.of("bench/target/bench-results.md")
        : Path.of("target/bench-results.md");
  }
}
