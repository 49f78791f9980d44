package space.lunarbase.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import space.lunarbase.fsw.app.bank.BankSampler;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.proto.v1.SampleBatch;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.wire.Topics;

/**
 * The end-to-end benchmark: the firmware's telemetry pipeline ({@code BankSampler.sample()} → frame
 * → outbox → {@code MqttLink} → broker) against a bare Paho publisher of the same bytes, as ratios
 * measured in the same run: on one local Mosquitto, then over TLS on a site broker
 * ({@link TlsLinkBench}); then bytes per sample against JSON and (optionally) JMH encoding costs.
 * Prints a Markdown report and writes it to {@link BenchConfig#out()}.
 *
 * <p>Run: {@code java -jar bench/target/bench.jar [key=value ...]} from the repository root.
 */
public final class LinkBench {

  private final BenchConfig config;
  private final Rounds rounds;
  private final BenchReport report = new BenchReport();

  private LinkBench(BenchConfig config) {
    this.config = config;
    this.rounds = new Rounds(config);
  }

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    BenchReport report = run(config);
    System.out.println(report.toMarkdown());
    System.out.println("written to " + config.out().toAbsolutePath());
    System.exit(0);
  }

  /** Runs every section configured, each with a fresh Mosquitto; writes and returns the report. */
  public static BenchReport run(BenchConfig config) throws Exception {
    return new LinkBench(config).runAll();
  }

  private BenchReport runAll() throws Exception {
    if (!config.plain() && !config.tls()) {
      throw new IllegalArgumentException("plain=false and tls=false: nothing to measure");
    }
    report.environment = String.format(java.util.Locale.ROOT,
        "Java %s (%s), %d CPUs, %s; Mosquitto on loopback; every client Paho MQTT 5 (1.2.5); max inflight %d; "
            + "%d msgs per throughput round, %d warm-up + %d measured rounds per side (sides alternate).",
        Runtime.version(), System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"), config.maxInflight(), config.messages(), config.warmups(), config.rounds());
    String loadStart = loadAverage();
    byte[] frame = null;
    if (config.plain()) {
      try (MosquittoBroker broker = MosquittoBroker.start()) {
        throughputRun(broker, 0);
        frame = throughputRun(broker, 1);
      }
      report.loadAfterPlain = loadAverage();
    }
    if (config.tls()) {
      byte[] tlsFrame = new TlsLinkBench(config, rounds).run(report);
      frame = frame == null ? tlsFrame : frame;
      report.loadAfterTls = loadAverage();
    }
    sizes(frame);
    if (config.jmh()) {
      jmh();
    }
    report.environment += " Load average (1/5/15 min) at start: " + loadStart + "; at end: " + loadAverage() + ".";
    Files.createDirectories(config.out().toAbsolutePath().getParent());
    Files.writeString(config.out(), report.toMarkdown());
    return report;
  }

  /** Throughput at {@code qos}; at QoS 1 the latency runs follow on the same context. Returns a real frame. */
  private byte[] throughputRun(MosquittoBroker broker, int qos) throws Exception {
    int capacity = Math.max(10_000, config.messages() * 2);
    log("QoS %d: starting firmware", qos);
    try (FirmwareUnderTest fw = FirmwareUnderTest.start(broker.url(), Optional.empty(), qos, config.maxInflight(),
             capacity);
         BenchSubscriber sub = BenchSubscriber.subscribe(BrokerLogin.anonymous(broker.url(), "bench-sub-"),
             List.of(fw.bankTopic()), qos, config.maxInflight(), fw::clockNanos);
         BarePublisher bare = BarePublisher.connect(BrokerLogin.anonymous(broker.url(), "bench-bare-"),
             config.maxInflight())) {
      byte[] frame = Rounds.probeFrame(fw, sub);

      int n = config.messages();
      Runnable sample = () -> fw.sampler().sample();
      Runnable offer = Rounds.offering(fw, frame, qos);
      double[] pipeline = new double[config.rounds()];
      double[] linkOnly = new double[config.rounds()];
      double[] bareRates = new double[config.rounds()];
      double[] producer = new double[config.rounds()];
      double[] pipelineDelivered = new double[config.rounds()];
      double[] bareDelivered = new double[config.rounds()];
      long[] lost = new long[1];
      long dropped0 = fw.outbox().dropped();
      for (int w = 0; w < config.warmups(); w++) {
        rounds.warmFirmware(fw, sub, qos, n, sample, offer);
        rounds.bare(bare, sub, fw.bankTopic(), frame, qos, n, new long[1], new double[1]);
      }
      for (int r = 0; r < config.rounds(); r++) {
        double[] produced = new double[2];
        double[] delivered = new double[1];
        // the three sides take turns at going first
        for (int k = 0; k < 3; k++) {
          switch ((r + k) % 3) {
            case 0 -> pipeline[r] = rounds.firmware(fw, sub, qos, n, sample, produced, lost);
            case 1 -> linkOnly[r] = rounds.firmware(fw, sub, qos, n, offer, new double[2], lost);
            default -> bareRates[r] = rounds.bare(bare, sub, fw.bankTopic(), frame, qos, n, lost, delivered);
          }
        }
        producer[r] = produced[0];
        pipelineDelivered[r] = produced[1];
        bareDelivered[r] = delivered[0];
        log("QoS %d round %d: pipeline %.0f, outbox->link %.0f, bare %.0f msg/s", qos, r + 1, pipeline[r],
            linkOnly[r], bareRates[r]);
      }
      report.throughput.add(new BenchReport.Throughput(qos, n, pipeline, linkOnly, bareRates, producer,
          pipelineDelivered, bareDelivered, fw.outbox().dropped() - dropped0, lost[0]));
      report.bareWindow = bare.window();
      if (qos == config.latencyQos()) {
        latency(fw, sub, bare, frame, qos);
      }
      return frame;
    }
  }

  /** Latency at a paced rate (QoS 1 unless configured otherwise): pipeline from sample time, the rest from send time. */
  private void latency(FirmwareUnderTest fw, BenchSubscriber sub, BarePublisher bare, byte[] frame, int qos)
      throws InvalidProtocolBufferException {
    int timeOffset = Rounds.sampleTimeOffset(frame);
    Histogram sampleCall = new Histogram(Rounds.HIGHEST_NANOS, 3);
    Runnable timedSample = () -> {
      long t0 = System.nanoTime();
      fw.sampler().sample();
      sampleCall.recordValue(System.nanoTime() - t0);
    };
    Runnable linkSend = () -> fw.outbox().offer(new Outbound(BankSampler.STREAM,
        Rounds.stamped(frame, timeOffset, fw.clockNanos()), qos, false));
    Runnable bareSend = Rounds.bareSend(bare, fw.bankTopic(), frame, qos, fw);
    HandoffPublisher handoff = new HandoffPublisher(bare, fw.bankTopic(), qos);
    Runnable handoffSend = () -> handoff.offer(Rounds.stamped(frame, timeOffset, fw.clockNanos()));
    report.latencyRate = config.latencyRate();
    report.latencyQos = qos;
    log("latency: %d msg/s, %.1f s per side (+%.1f s warm-up), sides interleaved in 1 s blocks", config.latencyRate(),
        config.latencySeconds(), config.latencyWarmupSeconds());
    Histogram[] measured = rounds.interleaved(List.of(new Rounds.Paced(sub, timedSample),
        new Rounds.Paced(sub, linkSend), new Rounds.Paced(sub, bareSend), new Rounds.Paced(sub, handoffSend)),
        sampleCall::reset);
    handoff.close();
    report.pipelineLatency = BenchReport.Latency.of(measured[0]);
    report.linkLatency = BenchReport.Latency.of(measured[1]);
    report.bareLatency = BenchReport.Latency.of(measured[2]);
    report.handoffLatency = BenchReport.Latency.of(measured[3]);
    report.sampleCallLatency = BenchReport.Latency.of(sampleCall);
  }

  /** Section 4: a real bank frame, and a 100-sample batch, as protobuf and as JSON. */
  private void sizes(byte[] frameBytes) throws InvalidProtocolBufferException {
    JsonFormat.Printer json = JsonFormat.printer().omittingInsignificantWhitespace();
    TelemetryFrame frame = TelemetryFrame.parseFrom(frameBytes);
    int frameJson = utf8(json.print(frame));
    report.sizes.add(new BenchReport.Size("bank TelemetryFrame, one per sample (what BankSampler sends)",
        frameBytes.length, frameJson));
    String topic = new Topics(FirmwareUnderTest.SITE, FirmwareUnderTest.CONTROLLER).of(Topics.telemetry("bank"));
    report.sizes.add(new BenchReport.Size("  the same as an MQTT 5 PUBLISH packet (QoS 1, no properties, topic " + topic + ")",
        publishPacket(topic, frameBytes.length), publishPacket(topic, frameJson)));

    int samples = 100;
    SampleBatch.Builder batch = SampleBatch.newBuilder().setChannel("pack_voltage_v");
    try (SimBank sim = SimBank.manual()) {
      PackReading[] readings = new PackReading[samples];
      for (int i = 0; i < samples; i++) {
        sim.advance(Duration.ofMillis(1));
        readings[i] = sim.bank().readPack();
      }
      long last = HeaderStamper.nanos(readings[samples - 1].time());
      for (PackReading r : readings) {
        batch.addTimeOffsetNs(HeaderStamper.nanos(r.time()) - last).addValue((float) r.voltageV());
      }
    }
    SampleBatch built = batch.build();
    TelemetryFrame batched = TelemetryFrame.newBuilder().setHeader(frame.getHeader()).addBatches(built).build();
    report.sizes.add(new BenchReport.Size(
        "TelemetryFrame (header + one SampleBatch of 100 samples at 1 kHz), per sample",
        batched.getSerializedSize() / (double) samples, utf8(json.print(batched)) / (double) samples));
    report.sizes.add(new BenchReport.Size("  the SampleBatch alone, per sample (packed sint64 offset + float)",
        built.getSerializedSize() / (double) samples, utf8(json.print(built)) / (double) samples));
    report.notes.add(String.format(java.util.Locale.ROOT, "The bank frame measured: %d bytes, %d sample batches.",
        frameBytes.length, frame.getBatchesCount()));
    report.notes.add("JSON is protobuf-java-util JsonFormat, compact (no insignificant whitespace), default field "
        + "names (lowerCamelCase), 64-bit integers as strings, default values omitted (as in protobuf).");
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Fixed header + remaining length + topic (2 + n) + packet id (2) + properties length (1, none) + payload. */
  private static int publishPacket(String topic, int payload) {
    int remaining = 2 + topic.getBytes(StandardCharsets.UTF_8).length + 2 + 1 + payload;
    int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
    return 1 + lengthBytes + remaining;
  }

  /** Section 5: the JMH encoding benchmarks, forked from this jar. */
  private void jmh() throws RunnerException {
    log("JMH: %s", FrameEncodingBench.class.getSimpleName());
    int iterations = config.jmhIterations();
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(FrameEncodingBench.class.getName() + "\\.")
        .forks(1)
        .warmupIterations(iterations)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .build()).run();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark().replace(FrameEncodingBench.class.getName() + ".", "");
      report.micro.add(new BenchReport.Micro(label, r.getPrimaryResult().getScore(),
          r.getPrimaryResult().getScoreError()));
    }
  }

  /** The first three fields of /proc/loadavg, or "n/a": other work on the machine skews every figure. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  static void log(String format, Object... args) {
    System.err.println("[bench] " + String.format(java.util.Locale.ROOT, format, args));
  }
}
