package space.lunarbase.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.MqttException;
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

/**
 * The end-to-end benchmark: the firmware's telemetry pipeline ({@code BankSampler.sample()} →
 * frame → outbox → {@code MqttLink} → broker) against a bare Paho publisher of the same bytes, on
 * one local Mosquitto, as ratios measured in the same run; then bytes per sample against JSON and
 * (optionally) JMH encoding costs. Prints a Markdown report and writes it to {@link BenchConfig#out()}.
 *
 * <p>Run: {@code java -jar bench/target/bench.jar [key=value ...]} from the repository root.
 */
public final class LinkBench {

  private static final long ROUND_TIMEOUT_NANOS = Duration.ofSeconds(60).toNanos();
  private static final long QUIET_NANOS = Duration.ofSeconds(2).toNanos();
  /** Ages up to 10 s at 3 significant digits. */
  private static final long HIGHEST_NANOS = 10_000_000_000L;

  private final BenchConfig config;
  private final BenchReport report = new BenchReport();

  private LinkBench(BenchConfig config) {
    this.config = config;
  }

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    BenchReport report = run(config);
    System.out.println(report.toMarkdown());
    System.out.println("written to " + config.out().toAbsolutePath());
    System.exit(0);
  }

  /** Runs every section with a fresh Mosquitto; writes and returns the report. */
  public static BenchReport run(BenchConfig config) throws Exception {
    return new LinkBench(config).runAll();
  }

  private BenchReport runAll() throws Exception {
    report.environment = String.format(java.util.Locale.ROOT,
        "Java %s (%s), %d CPUs, %s; Mosquitto on loopback; max inflight %d; %d msgs per throughput round, "
            + "%d warm-up + %d measured rounds per side (sides alternate).",
        Runtime.version(), System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"), config.maxInflight(), config.messages(), config.warmups(), config.rounds());
    String loadStart = loadAverage();
    byte[] frame;
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      throughputRun(broker, 0);
      frame = throughputRun(broker, 1);
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
    try (FirmwareUnderTest fw = FirmwareUnderTest.start(broker.url(), qos, config.maxInflight(), capacity);
         BenchSubscriber sub = BenchSubscriber.subscribe(broker.url(), fw.bankTopic(), qos, config.maxInflight(),
             fw::clockNanos);
         BarePublisher bare = BarePublisher.connect(broker.url(), config.maxInflight())) {
      // one real frame from the pipeline: the bare publisher sends exactly these bytes
      // (one without fast-series batches: the series' start-up sample rides in an early frame)
      byte[] probe;
      int probes = 0;
      do {
        long before = sub.received();
        fw.sampler().sample();
        if (sub.awaitTotal(before + 1, Duration.ofSeconds(10).toNanos()) < before + 1) {
          throw new IllegalStateException("no bank frame reached the subscriber");
        }
        probe = sub.latest();
      } while (TelemetryFrame.parseFrom(probe).getBatchesCount() > 0 && ++probes < 5);
      byte[] frame = probe;

      int n = config.messages();
      Runnable sample = () -> fw.sampler().sample();
      // a fresh payload array per message, as the sampler makes: the link tells messages apart by it
      Runnable offer = () -> fw.outbox().offer(new Outbound(BankSampler.STREAM, frame.clone(), qos, false));
      double[] pipeline = new double[config.rounds()];
      double[] linkOnly = new double[config.rounds()];
      double[] bareRates = new double[config.rounds()];
      double[] producer = new double[config.rounds()];
      double[] pipelineDelivered = new double[config.rounds()];
      double[] bareDelivered = new double[config.rounds()];
      long[] lost = new long[1];
      long dropped0 = fw.outbox().dropped();
      for (int w = 0; w < config.warmups(); w++) {
        firmwareRound(fw, sub, qos, n, sample, new double[2], new long[1]);
        firmwareRound(fw, sub, qos, n, offer, new double[2], new long[1]);
        bareRound(bare, sub, fw.bankTopic(), frame, qos, n, new long[1], new double[1]);
      }
      for (int r = 0; r < config.rounds(); r++) {
        double[] produced = new double[2];
        double[] delivered = new double[1];
        // the three sides take turns at going first
        for (int k = 0; k < 3; k++) {
          switch ((r + k) % 3) {
            case 0 -> pipeline[r] = firmwareRound(fw, sub, qos, n, sample, produced, lost);
            case 1 -> linkOnly[r] = firmwareRound(fw, sub, qos, n, offer, new double[2], lost);
            default -> bareRates[r] = bareRound(bare, sub, fw.bankTopic(), frame, qos, n, lost, delivered);
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
      if (qos == config.latencyQos()) {
        latency(fw, sub, bare, frame, qos);
      }
      return frame;
    }
  }

  /**
   * N messages into the firmware as fast as one thread can ({@code produce}: a whole sample, or an
   * offer of a pre-built frame to the outbox); the rate until the broker acknowledged them all
   * ({@code MqttLink.published()}, QoS 1) or the subscriber received them (QoS 0). Sets
   * {@code rates[0]} to the producing thread's own rate and {@code rates[1]} to the rate until the
   * subscriber had them all.
   */
  private double firmwareRound(FirmwareUnderTest fw, BenchSubscriber sub, int qos, int n, Runnable produce,
                               double[] rates, long[] lost) {
    long received0 = sub.received();
    long published0 = fw.link().published();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      produce.run();
    }
    long produced = System.nanoTime();
    rates[0] = n / ((produced - start) / 1e9);
    long end;
    if (qos == 1) {
      long deadline = start + ROUND_TIMEOUT_NANOS;
      while (fw.link().published() - published0 < n && System.nanoTime() < deadline) {
        LockSupport.parkNanos(100_000);
      }
      end = System.nanoTime();
      long got = sub.awaitTotal(received0 + n, QUIET_NANOS) - received0;
      lost[0] += n - got;
      rates[1] = got / ((sub.lastArrivalNanos() - start) / 1e9);
      return Math.min(n, fw.link().published() - published0) / ((end - start) / 1e9);
    }
    long got = sub.awaitTotal(received0 + n, QUIET_NANOS) - received0;
    end = sub.lastArrivalNanos();
    lost[0] += n - got;
    rates[1] = got / ((end - start) / 1e9);
    return rates[1];
  }

  /** N copies of {@code frame} from the bare client; rate until acked (1) or received (0). */
  private double bareRound(BarePublisher bare, BenchSubscriber sub, String topic, byte[] frame, int qos, int n,
                           long[] lost, double[] delivered) throws MqttException, InterruptedException {
    long received0 = sub.received();
    long acked0 = bare.acknowledged();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      bare.publish(topic, frame, qos);
    }
    if (qos == 1) {
      bare.awaitAcknowledged(acked0 + n, start + ROUND_TIMEOUT_NANOS);
      long end = System.nanoTime();
      long got = sub.awaitTotal(received0 + n, QUIET_NANOS) - received0;
      lost[0] += n - got;
      delivered[0] = got / ((sub.lastArrivalNanos() - start) / 1e9);
      return (bare.acknowledged() - acked0) / ((end - start) / 1e9);
    }
    long got = sub.awaitTotal(received0 + n, QUIET_NANOS) - received0;
    long end = sub.lastArrivalNanos();
    lost[0] += n - got;
    delivered[0] = got / ((end - start) / 1e9);
    return delivered[0];
  }

  /** Latency at a paced rate (QoS 1 unless configured otherwise): pipeline from sample time, bare from send time, same clock. */
  private void latency(FirmwareUnderTest fw, BenchSubscriber sub, BarePublisher bare, byte[] frame, int qos)
      throws InvalidProtocolBufferException {
    int timeOffset = sampleTimeOffset(frame);
    Runnable pipelineSend = () -> fw.sampler().sample();
    Runnable bareSend = () -> {
      byte[] payload = frame.clone();
      ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).putLong(timeOffset, fw.clockNanos());
      try {
        bare.publish(fw.bankTopic(), payload, qos);
      } catch (MqttException e) {
        throw new IllegalStateException("bare publish failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Runnable linkSend = () -> {
      byte[] payload = frame.clone();
      ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).putLong(timeOffset, fw.clockNanos());
      fw.outbox().offer(new Outbound(BankSampler.STREAM, payload, qos, false));
    };
    Histogram sampleCall = new Histogram(HIGHEST_NANOS, 3);
    Runnable timedSample = () -> {
      long t0 = System.nanoTime();
      pipelineSend.run();
      sampleCall.recordValue(System.nanoTime() - t0);
    };
    report.latencyRate = config.latencyRate();
    report.latencyQos = qos;
    HandoffPublisher handoff = new HandoffPublisher(bare, fw.bankTopic(), qos);
    Runnable handoffSend = () -> {
      byte[] payload = frame.clone();
      ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).putLong(timeOffset, fw.clockNanos());
      handoff.offer(payload);
    };
    Runnable[] sends = {timedSample, linkSend, bareSend, handoffSend};
    Histogram[] measured = new Histogram[sends.length];
    for (int i = 0; i < sends.length; i++) {
      measured[i] = new Histogram(HIGHEST_NANOS, 3);
    }
    log("latency: %d msg/s, %.1f s per side (+%.1f s warm-up), sides interleaved in 1 s blocks", config.latencyRate(),
        config.latencySeconds(), config.latencyWarmupSeconds());
    int perBlock = config.latencyRate();
    for (int i = 0; i < sends.length; i++) {
      sub.recordInto(new Histogram(HIGHEST_NANOS, 3));
      pace(sub, sends[i], (int) Math.round(config.latencyRate() * config.latencyWarmupSeconds()));
    }
    sampleCall.reset();
    int total = (int) Math.round(config.latencyRate() * config.latencySeconds());
    // blocks of about one second per side, in turn, so background load falls on every side alike
    for (int done = 0, block = 0; done < total; done += perBlock, block++) {
      int count = Math.min(perBlock, total - done);
      for (int k = 0; k < sends.length; k++) {
        int side = (block + k) % sends.length;
        sub.recordInto(measured[side]);
        pace(sub, sends[side], count);
      }
    }
    sub.recordInto(null);
    report.pipelineLatency = BenchReport.Latency.of(measured[0]);
    report.linkLatency = BenchReport.Latency.of(measured[1]);
    report.bareLatency = BenchReport.Latency.of(measured[2]);
    report.handoffLatency = BenchReport.Latency.of(measured[3]);
    try {
      handoff.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    report.sampleCallLatency = BenchReport.Latency.of(sampleCall);
  }

  /** {@code count} sends at the configured rate (parking between them), then waits until all arrived. */
  private void pace(BenchSubscriber sub, Runnable send, int count) {
    long received0 = sub.received();
    long period = 1_000_000_000L / config.latencyRate();
    long start = System.nanoTime() + period;
    for (int i = 0; i < count; i++) {
      long target = start + i * period;
      long wait;
      while ((wait = target - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      send.run();
    }
    sub.awaitTotal(received0 + count, QUIET_NANOS);
  }

  /** Where {@code header.sample_time_ns} (fixed64, little-endian) sits in a serialized frame. */
  static int sampleTimeOffset(byte[] frame) throws InvalidProtocolBufferException {
    TelemetryFrame parsed = TelemetryFrame.parseFrom(frame);
    if (!Arrays.equals(parsed.toByteArray(), frame)) {
      throw new IllegalStateException("frame does not re-serialize to the same bytes");
    }
    long sentinel = 0x0123_4567_89AB_CDEFL;
    byte[] marked = parsed.toBuilder().setHeader(parsed.getHeader().toBuilder().setSampleTimeNs(sentinel))
        .build().toByteArray();
    byte[] needle = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(sentinel).array();
    for (int i = 0; i + 8 <= marked.length; i++) {
      if (Arrays.equals(marked, i, i + 8, needle, 0, 8)) {
        return i;
      }
    }
    throw new IllegalStateException("sample_time_ns not found in the frame");
  }

  /** Section 3: a real bank frame, and a 100-sample batch, as protobuf and as JSON. */
  private void sizes(byte[] frameBytes) throws InvalidProtocolBufferException {
    JsonFormat.Printer json = JsonFormat.printer().omittingInsignificantWhitespace();
    TelemetryFrame frame = TelemetryFrame.parseFrom(frameBytes);
    int frameJson = utf8(json.print(frame));
    report.sizes.add(new BenchReport.Size("bank TelemetryFrame, one per sample (what BankSampler sends)",
        frameBytes.length, frameJson));
    String topic = "lunarbase/v1/" + FirmwareUnderTest.SITE + "/" + FirmwareUnderTest.CONTROLLER + "/tlm/bank";
    report.sizes.add(new BenchReport.Size("  the same as an MQTT 3.1.1 PUBLISH packet (QoS 1, topic " + topic + ")",
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
    report.notes.add("JSON is protobuf-java-util JsonFormat, compact (no insignificant whitespace), default field "
        + "names (lowerCamelCase), 64-bit integers as strings, default values omitted (as in protobuf).");
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Fixed header + remaining length + topic (2 + n) + packet id (2) + payload. */
  private static int publishPacket(String topic, int payload) {
    int remaining = 2 + topic.getBytes(StandardCharsets.UTF_8).length + 2 + payload;
    int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
    return 1 + lengthBytes + remaining;
  }

  /** Section 4: the JMH encoding benchmarks, forked from this jar. */
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
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static void log(String format, Object... args) {
    System.err.println("[bench] " + String.format(java.util.Locale.ROOT, format, args));
  }
}
