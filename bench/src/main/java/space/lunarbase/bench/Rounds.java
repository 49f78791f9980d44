package space.lunarbase.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.common.MqttException;
import space.lunarbase.fsw.app.bank.BankSampler;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The measuring steps every section shares: a throughput round of the firmware or of a bare
 * publisher, paced sends, latency sides interleaved in blocks, and the real frame the bare sides copy.
 */
final class Rounds {

  static final long ROUND_TIMEOUT_NANOS = Duration.ofSeconds(60).toNanos();
  static final long QUIET_NANOS = Duration.ofSeconds(2).toNanos();
  /** Ages up to 10 s at 3 significant digits. */
  static final long HIGHEST_NANOS = 10_000_000_000L;

  /**
   * One side of a latency run: {@code send} makes one message whose age {@code subscriber} records.
   *
   * @param subscriber where the side's messages arrive
   * @param send sends one message, stamped with the firmware clock's now (or sampled then)
   */
  record Paced(BenchSubscriber subscriber, Runnable send) {}

  private final BenchConfig config;

  Rounds(BenchConfig config) {
    this.config = config;
  }

  /**
   * One real bank frame from the pipeline, received by {@code sub}: the bare sides send exactly these
   * bytes (one without fast-series batches: the series' start-up sample rides in an early frame).
   */
  static byte[] probeFrame(FirmwareUnderTest fw, BenchSubscriber sub) throws InvalidProtocolBufferException {
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
    return probe;
  }

  /**
   * The link-only producer: offers {@code frame} to the firmware's outbox, a fresh copy per message
   * as the sampler makes (the link tells messages apart by the payload array).
   */
  static Runnable offering(FirmwareUnderTest fw, byte[] frame, int qos) {
    return () -> fw.outbox().offer(new Outbound(BankSampler.STREAM, frame.clone(), qos, false));
  }

  /** One warm-up round of each firmware producer, its figures thrown away. */
  void warmFirmware(FirmwareUnderTest fw, BenchSubscriber sub, int qos, int n, Runnable sample, Runnable offer) {
    firmware(fw, sub, qos, n, sample, new double[2], new long[1]);
    firmware(fw, sub, qos, n, offer, new double[2], new long[1]);
  }

  /**
   * N messages into the firmware as fast as one thread can ({@code produce}: a whole sample, or an
   * offer of a pre-built frame to the outbox); the rate until the broker acknowledged them all
   * ({@code MqttLink.published()}, QoS 1) or the subscriber received them (QoS 0). Sets
   * {@code rates[0]} to the producing thread's own rate and {@code rates[1]} to the rate until the
   * subscriber had them all.
   */
  double firmware(FirmwareUnderTest fw, BenchSubscriber sub, int qos, int n, Runnable produce, double[] rates,
                  long[] lost) {
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

  /**
   * N copies of {@code frame} on {@code topic} from the bare client; the rate until acked (QoS 1) or
   * received (QoS 0). Sets {@code delivered[0]} to the rate until the subscriber had them all.
   */
  double bare(BarePublisher bare, BenchSubscriber sub, String topic, byte[] frame, int qos, int n, long[] lost,
              double[] delivered) throws MqttException, InterruptedException {
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
      if (bare.refusedOrFailed() > 0) {
        throw new IllegalStateException(bare.refusedOrFailed() + " bare publishes on " + topic
            + " refused by the broker or failed");
      }
      return (bare.acknowledged() - acked0) / ((end - start) / 1e9);
    }
    long got = sub.awaitTotal(received0 + n, QUIET_NANOS) - received0;
    long end = sub.lastArrivalNanos();
    lost[0] += n - got;
    delivered[0] = got / ((end - start) / 1e9);
    return delivered[0];
  }

  /** A bare side's send: a copy of {@code frame} with the firmware clock's now as its sample time. */
  static Runnable bareSend(BarePublisher bare, String topic, byte[] frame, int qos, FirmwareUnderTest fw)
      throws InvalidProtocolBufferException {
    int timeOffset = sampleTimeOffset(frame);
    return () -> {
      try {
        bare.publish(topic, stamped(frame, timeOffset, fw.clockNanos()), qos);
      } catch (MqttException e) {
        throw new IllegalStateException("bare publish failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** A copy of {@code frame} with {@code nanos} written over its sample time at {@code timeOffset}. */
  static byte[] stamped(byte[] frame, int timeOffset, long nanos) {
    byte[] payload = frame.clone();
    ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).putLong(timeOffset, nanos);
    return payload;
  }

  /**
   * Latency of each side at the configured rate: a warm-up per side, then blocks of about one second
   * per side, in turn (each block's first side rotating), so background load falls on every side
   * alike; {@code afterWarmup} runs between the two. Returns one histogram of ages per side, in the
   * order given.
   */
  Histogram[] interleaved(List<Paced> sides, Runnable afterWarmup) {
    Histogram[] measured = new Histogram[sides.size()];
    for (int i = 0; i < measured.length; i++) {
      measured[i] = new Histogram(HIGHEST_NANOS, 3);
    }
    for (Paced side : sides) {
      side.subscriber().recordInto(new Histogram(HIGHEST_NANOS, 3));
      pace(side, (int) Math.round(config.latencyRate() * config.latencyWarmupSeconds()));
      side.subscriber().recordInto(null);
    }
    afterWarmup.run();
    int perBlock = config.latencyRate();
    int total = (int) Math.round(config.latencyRate() * config.latencySeconds());
    for (int done = 0, block = 0; done < total; done += perBlock, block++) {
      int count = Math.min(perBlock, total - done);
      for (int k = 0; k < sides.size(); k++) {
        int index = (block + k) % sides.size();
        Paced side = sides.get(index);
        side.subscriber().recordInto(measured[index]);
        pace(side, count);
        side.subscriber().recordInto(null);
      }
    }
    return measured;
  }

  /** {@code count} sends at the configured rate (parking between them), then waits until all arrived. */
  private void pace(Paced side, int count) {
    long received0 = side.subscriber().received();
    long period = 1_000_000_000L / config.latencyRate();
    long start = System.nanoTime() + period;
    for (int i = 0; i < count; i++) {
      long target = start + i * period;
      long wait;
      while ((wait = target - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      side.send().run();
    }
    side.subscriber().awaitTotal(received0 + count, QUIET_NANOS);
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
}
