package space.lunarbase.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** What one run measured, and its Markdown rendering (printed and written to the results file). */
public final class BenchReport {

  /**
   * Throughput rounds of one QoS, messages per second, in run order: the whole pipeline (sample →
   * frame → outbox → link), the link alone (pre-built frames offered to the outbox), bare Paho;
   * {@code pipelineDelivered} and {@code bareDelivered} are timed to the subscriber's last arrival
   * instead (the same as the main figures at QoS 0).
   */
  public record Throughput(int qos, int messages, double[] pipeline, double[] linkOnly, double[] bare,
                           double[] producerOnly, double[] pipelineDelivered, double[] bareDelivered, long dropped,
                           long lost) {

    /** Pipeline over bare, both timed until the subscriber had every message. */
    public double deliveredRatio() {
      return median(pipelineDelivered) / median(bareDelivered);
    }

    public double linkOnlyMedian() {
      return median(linkOnly);
    }

    public double pipelineMedian() {
      return median(pipeline);
    }

    public double bareMedian() {
      return median(bare);
    }

    /** Median pipeline rate over median bare rate (target 0.9 or more). */
    public double ratio() {
      return pipelineMedian() / bareMedian();
    }
  }

  /** Latency percentiles in microseconds of one side. */
  public record Latency(long count, double p50, double p90, double p99, double p999, double max) {
    static Latency of(Histogram h) {
      return new Latency(h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
          h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
  }

  /**
   * Throughput rounds of one QoS over TLS, messages per second, in run order: the whole pipeline
   * over TLS, the link alone over TLS, the bare publisher over TLS and over plain TCP (same broker);
   * the {@code ...Delivered} rates are timed to the subscriber's last arrival instead.
   */
  public record TlsThroughput(int qos, int messages, double[] pipeline, double[] linkOnly, double[] bareTls, double[] barePlain,
                              double[] pipelineDelivered, double[] bareTlsDelivered, double[] barePlainDelivered,
                              long dropped, long lost) {

    public double pipelineMedian() {
      return median(pipeline);
    }

    public double linkOnlyMedian() {
      return median(linkOnly);
    }

    public double bareTlsMedian() {
      return median(bareTls);
    }

    public double barePlainMedian() {
      return median(barePlain);
    }

    /** Pipeline over bare, both over TLS (target 0.9 or more). */
    public double ratio() {
      return pipelineMedian() / bareTlsMedian();
    }

    /** Bare over TLS against bare over plain TCP: what is left of plain throughput with TLS. */
    public double tlsOverPlain() {
      return bareTlsMedian() / barePlainMedian();
    }
  }

  /** Section 3: the site broker over TLS, and what TLS itself costs. */
  public static final class Tls {
    final String negotiated;
    final List<TlsThroughput> throughput = new ArrayList<>();
    int window;
    int latencyQos;
    int latencyRate;
    Latency pipelineLatency;
    Latency linkLatency;
    Latency bareTlsLatency;
    Latency barePlainLatency;

    Tls(String negotiated) {
      this.negotiated = negotiated;
    }

    public List<TlsThroughput> throughput() {
      return throughput;
    }

    public Latency pipelineLatency() {
      return pipelineLatency;
    }

    public Latency bareTlsLatency() {
      return bareTlsLatency;
    }

    public Latency barePlainLatency() {
      return barePlainLatency;
    }

    /** The latency target over TLS: pipeline p99 at most 1.5 x bare TLS p99 + 1 ms. */
    public double latencyLimitMicros() {
      return 1.5 * bareTlsLatency.p99() + 1000;
    }
  }

  /** One row of the size table: bytes per sample as protobuf and as JSON. */
  public record Size(String what, double protobuf, double json) {}

  /** One JMH result, ns per operation. */
  public record Micro(String benchmark, double nsPerOp, double error) {}

  final List<Throughput> throughput = new ArrayList<>();
  Latency pipelineLatency;
  Latency bareLatency;
  Latency linkLatency;
  Latency handoffLatency;
  Latency sampleCallLatency;
  int latencyRate;
  int latencyQos;
  int bareWindow;
  Tls tls;
  String loadAfterPlain;
  String loadAfterTls;
  final List<Size> sizes = new ArrayList<>();
  final List<Micro> micro = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  String environment = "";

  public List<Throughput> throughput() {
    return throughput;
  }

  public Latency pipelineLatency() {
    return pipelineLatency;
  }

  public Latency bareLatency() {
    return bareLatency;
  }

  /** Section 3, or null when it did not run. */
  public Tls tls() {
    return tls;
  }

  public List<Size> sizes() {
    return sizes;
  }

  public List<Micro> micro() {
    return micro;
  }

  /** The latency target: pipeline p99 at most 1.5 x bare p99 + 1 ms. */
  public double latencyLimitMicros() {
    return 1.5 * bareLatency.p99() + 1000;
  }

  public String toMarkdown() {
    StringBuilder md = new StringBuilder("# Link benchmark results\n\n").append(environment).append("\n\n");
    if (!throughput.isEmpty()) {
      plainSections(md);
    }
    if (tls != null) {
      tlsSection(md);
    }
    md.append("\n## 4. Bytes per sample\n\n| what | protobuf B/sample | JSON B/sample | JSON / protobuf |\n"
        + "|---|---|---|---|\n");
    for (Size s : sizes) {
      md.append(f("| %s | %.1f | %.1f | %.1f× |\n", s.what, s.protobuf, s.json, s.json / s.protobuf));
    }
    if (!micro.isEmpty()) {
      md.append("\n## 5. CPU per sample (JMH, average time, 1 fork)\n\n| benchmark | ns/op | ± (99.9 %) |\n|---|---|---|\n");
      for (Micro m : micro) {
        md.append(f("| %s | %,.0f | %s |\n", m.benchmark, m.nsPerOp,
            Double.isNaN(m.error) ? "n/a" : f("%,.0f", m.error)));
      }
    }
    List<String> allNotes = new ArrayList<>(notes);
    for (Throughput t : throughput) {
      if (t.dropped > 0 || t.lost > 0) {
        allNotes.add(f("QoS %d throughput: outbox drops %d, messages the subscriber did not receive %d.", t.qos,
            t.dropped, t.lost));
      }
    }
    if (tls != null) {
      for (TlsThroughput t : tls.throughput) {
        if (t.dropped > 0 || t.lost > 0) {
          allNotes.add(f("TLS QoS %d throughput: outbox drops %d, messages the subscribers did not receive %d.", t.qos,
              t.dropped, t.lost));
        }
      }
    }
    if (!allNotes.isEmpty()) {
      md.append("\n## Notes\n\n");
      allNotes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  private void plainSections(StringBuilder md) {
    md.append(f("Sections 1 and 2: one Mosquitto (`deploy/mosquitto/test.conf`, plain TCP, anonymous); QoS 1 window "
        + "%d for the link and the bare publisher.%s%n%n", bareWindow,
        loadAfterPlain == null ? "" : " Load average after them: " + loadAfterPlain + "."));
    md.append("## 1. Throughput (pipeline vs bare Paho, same broker, same QoS and inflight window)\n\n")
        .append("| QoS | pipeline msg/s | outbox→link msg/s | bare msg/s | **pipeline / bare** | target ≥ 0.9 | "
            + "outbox→link / bare | pipeline / bare to the subscriber | sampling thread alone msg/s |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    for (Throughput t : throughput) {
      md.append(f("| %d | %,.0f | %,.0f | %,.0f | **%.2f** | %s | %.2f | %.2f | %,.0f |\n", t.qos, t.pipelineMedian(),
          t.linkOnlyMedian(), t.bareMedian(), t.ratio(), t.ratio() >= 0.9 ? "met" : "MISSED",
          t.linkOnlyMedian() / t.bareMedian(), t.deliveredRatio(), median(t.producerOnly)));
    }
    md.append("\nMedians of the measured rounds. Every round, in msg/s:\n\n| QoS | side | rounds |\n|---|---|---|\n");
    for (Throughput t : throughput) {
      md.append(f("| %d | pipeline | %s |\n| %d | outbox→link | %s |\n| %d | bare | %s |\n", t.qos, list(t.pipeline),
          t.qos, list(t.linkOnly), t.qos, list(t.bare)));
    }
    if (pipelineLatency != null) {
      md.append(f("%n## 2. End-to-end latency, QoS %d, paced at %d msg/s (µs)%n%n", latencyQos, latencyRate))
          .append("| side | n | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n")
          .append(latencyRow("pipeline (sample time → subscriber)", pipelineLatency))
          .append(latencyRow("outbox→link (offer time → subscriber)", linkLatency))
          .append(latencyRow("bare (send time → subscriber)", bareLatency))
          .append(latencyRow("control: bare behind one thread hand-off", handoffLatency))
          .append(latencyRow("(pipeline's `sample()` call alone)", sampleCallLatency))
          .append(f("%nTarget: pipeline p99 ≤ 1.5 × bare p99 + 1 ms = %.0f µs: **%s** (pipeline p99 %.0f µs, "
                  + "p50 ratio %.2f, p99 ratio %.2f)%n", latencyLimitMicros(),
              pipelineLatency.p99() <= latencyLimitMicros() ? "met" : "MISSED", pipelineLatency.p99(),
              pipelineLatency.p50() / bareLatency.p50(), pipelineLatency.p99() / bareLatency.p99()));
    }
  }

  private void tlsSection(StringBuilder md) {
    md.append(f("%n## 3. Over TLS: the site broker, and what TLS costs%n%n"))
        .append(f("One Mosquitto runs `deploy/mosquitto/site.conf` (TLS, client certificates, the site's ACL) with a second, "
            + "plain-TCP listener (username and password, the same ACL): one process, one configuration, two transports. "
            + "Negotiated: %s. QoS 1 window %d for the link and both bare publishers. Pipeline: the firmware as "
            + "controller `ctl-1` with its site bundle; bare TLS: controller `ctl-2`'s certificate; bare plain: `ctl-3`'s "
            + "name as username; each publishes below its own prefix; observer `ground` receives `ctl-1` and `ctl-2` over "
            + "TLS, `ground-plain` receives `ctl-3` in plain.%s%n%n", tls.negotiated, tls.window,
            loadAfterTls == null ? "" : " Load average after it: " + loadAfterTls + "."))
        .append("| QoS | pipeline TLS msg/s | outbox→link TLS msg/s | bare TLS msg/s | bare plain msg/s | "
            + "**pipeline / bare TLS** | target ≥ 0.9 | outbox→link / bare TLS | pipeline / bare TLS to the subscriber | "
            + "**bare TLS / bare plain** |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (TlsThroughput t : tls.throughput) {
      md.append(f("| %d | %,.0f | %,.0f | %,.0f | %,.0f | **%.2f** | %s | %.2f | %.2f | **%.2f** |\n", t.qos,
          t.pipelineMedian(), t.linkOnlyMedian(), t.bareTlsMedian(), t.barePlainMedian(), t.ratio(),
          t.ratio() >= 0.9 ? "met" : "MISSED", t.linkOnlyMedian() / t.bareTlsMedian(),
          median(t.pipelineDelivered) / median(t.bareTlsDelivered), t.tlsOverPlain()));
    }
    md.append("\nMedians of the measured rounds. Every round, in msg/s:\n\n| QoS | side | rounds |\n|---|---|---|\n");
    for (TlsThroughput t : tls.throughput) {
      md.append(f("| %d | pipeline TLS | %s |\n| %d | outbox→link TLS | %s |\n| %d | bare TLS | %s |\n"
          + "| %d | bare plain | %s |\n", t.qos, list(t.pipeline), t.qos, list(t.linkOnly), t.qos, list(t.bareTls), t.qos,
          list(t.barePlain)));
    }
    if (tls.pipelineLatency != null) {
      Latency p = tls.pipelineLatency;
      Latency b = tls.bareTlsLatency;
      Latency c = tls.barePlainLatency;
      md.append(f("%nEnd-to-end latency over TLS, QoS %d, paced at %d msg/s, sides interleaved in 1 s blocks (µs):%n%n",
              tls.latencyQos, tls.latencyRate))
          .append("| side | n | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n")
          .append(latencyRow("pipeline over TLS (sample time → subscriber)", p))
          .append(latencyRow("outbox→link over TLS (offer time → subscriber)", tls.linkLatency))
          .append(latencyRow("bare over TLS (send time → subscriber)", b))
          .append(latencyRow("bare over plain TCP (send time → subscriber)", c))
          .append(f("%nTarget: pipeline p99 ≤ 1.5 × bare TLS p99 + 1 ms = %.0f µs: **%s** (pipeline p99 %.0f µs, "
                  + "p50 ratio %.2f, p99 ratio %.2f). TLS itself (bare TLS − bare plain): p50 %+.0f µs, p99 %+.0f µs, "
                  + "p99.9 %+.0f µs.%n", tls.latencyLimitMicros(), p.p99() <= tls.latencyLimitMicros() ? "met" : "MISSED",
              p.p99(), p.p50() / b.p50(), p.p99() / b.p99(), b.p50() - c.p50(), b.p99() - c.p99(),
              b.p999() - c.p999()));
    }
  }

  private static String latencyRow(String side, Latency l) {
    return f("| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f |\n", side, l.count, l.p50, l.p90, l.p99, l.p999, l.max);
  }

  private static String list(double[] rates) {
    return String.join(" ", Arrays.stream(rates).mapToObj(r -> f("%,.0f", r)).toList());
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
