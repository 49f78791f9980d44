package space.lunarbase.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A tiny run of the whole harness: throughput, latency, the TLS section and sizes, each with
 * positive numbers. Not a benchmark.
 */
class LinkBenchSmokeTest {

  @Test
  @Timeout(90)
  void producesThroughputLatencyTlsAndSizeSections() throws Exception {
    Path out = Path.of("target/smoke-results.md");

    BenchReport report = LinkBench.run(BenchConfig.quick(out));

    assertThat(report.throughput()).extracting(BenchReport.Throughput::qos).containsExactly(0, 1);
    for (BenchReport.Throughput t : report.throughput()) {
      assertThat(t.pipelineMedian()).as("pipeline msg/s at QoS %d", t.qos()).isPositive();
      assertThat(t.bareMedian()).as("bare msg/s at QoS %d", t.qos()).isPositive();
      assertThat(t.ratio()).isPositive();
    }
    assertThat(report.pipelineLatency().count()).isPositive();
    assertThat(report.pipelineLatency().p50()).isPositive();
    assertThat(report.pipelineLatency().p99()).isGreaterThanOrEqualTo(report.pipelineLatency().p50());
    assertThat(report.bareLatency().count()).isPositive();
    assertThat(report.bareLatency().p99()).isPositive();
    BenchReport.Tls tls = report.tls();
    assertThat(tls.throughput()).extracting(BenchReport.TlsThroughput::qos).containsExactly(1);
    for (BenchReport.TlsThroughput t : tls.throughput()) {
      assertThat(t.pipelineMedian()).as("pipeline over TLS msg/s at QoS %d", t.qos()).isPositive();
      assertThat(t.bareTlsMedian()).as("bare over TLS msg/s at QoS %d", t.qos()).isPositive();
      assertThat(t.barePlainMedian()).as("bare over plain TCP msg/s at QoS %d", t.qos()).isPositive();
      assertThat(t.lost()).as("messages lost over TLS at QoS %d", t.qos()).isZero();
    }
    assertThat(tls.pipelineLatency().count()).isPositive();
    assertThat(tls.bareTlsLatency().p99()).isPositive();
    assertThat(tls.barePlainLatency().p99()).isPositive();
    assertThat(report.sizes()).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(s -> assertThat(s.protobuf()).isPositive())
        .allSatisfy(s -> assertThat(s.json()).isGreaterThan(s.protobuf()));
    assertThat(Files.readString(out))
        .contains("## 1. Throughput", "## 2. End-to-end latency", "## 3. Over TLS", "Negotiated: TLSv1.",
            "## 4. Bytes per sample");
  }
}
