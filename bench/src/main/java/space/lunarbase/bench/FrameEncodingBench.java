package space.lunarbase.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import space.lunarbase.fsw.app.bank.BankSampler;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * JMH: the CPU cost of one bank sample on the controller, split up. {@code sample} is what
 * {@link BankSampler#sample()} does (simulated I2C read, header, frame, serialization, outbox
 * offer); {@code readPack} is the simulated hardware's share; {@code encode} stamps and serializes
 * a frame from a reading as the sampler does; {@code bareSerialize} is protobuf's
 * {@code toByteArray()} of a built frame; {@code json} prints the same frame as JSON.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameEncodingBench {

  private SimBank sim;
  private PackReading reading;
  private TelemetryFrame frame;
  private final JsonFormat.Printer json = JsonFormat.printer().omittingInsignificantWhitespace();

  /** Starts the simulated board and takes one real sample to serialize. */
  @Setup(Level.Trial)
  public void setUp() throws InvalidProtocolBufferException, InterruptedException {
    sim = SimBank.running();
    reading = sim.bank().readPack();
    frame = TelemetryFrame.parseFrom(encode().payload());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sim.close();
  }

  /**
   * What {@code BankSampler.sample()} does per sample: read, encode, offer (the outbox emptied
   * again after each offer). The end-to-end harness drives the real sampler; this one is composed
   * of the same parts, so it does not depend on the sampler's constructor.
   */
  @Benchmark
  public Outbound sample() throws InterruptedException {
    reading = sim.bank().readPack();
    sim.outbox().offer(encode());
    return sim.outbox().poll(Duration.ZERO);
  }

  /** The simulated pack monitor read (INA226 model behind Pi4J I2C). */
  @Benchmark
  public PackReading readPack() {
    return sim.bank().readPack();
  }

  /** Header stamp + bank message + frame + serialization + Outbound, as BankSampler does per reading. */
  @Benchmark
  public Outbound encode() {
    TelemetryFrame f = TelemetryFrame.newBuilder()
        .setHeader(sim.headers().next(BankSampler.STREAM, reading.time()))
        .setBank(BankTelemetry.newBuilder()
            .setBankId("bank-1")
            .setPackVoltageV(reading.voltageV())
            .setPackCurrentA(reading.currentA())
            .setPackPowerW(reading.powerW())
            .setShuntVoltageV(reading.shuntVoltageV())
            .setQuality(Quality.QUALITY_GOOD)
            .setFault(reading.fault() == null ? "" : reading.fault()))
        .build();
    return new Outbound(BankSampler.STREAM, f.toByteArray(), 1, false);
  }

  /** Bare protobuf: serialize an already built frame. */
  @Benchmark
  public byte[] bareSerialize() {
    return frame.toByteArray();
  }

  /** The same frame as compact JSON bytes (protobuf-java-util). */
  @Benchmark
  public byte[] json() throws InvalidProtocolBufferException {
    return json.print(frame).getBytes(StandardCharsets.UTF_8);
  }
}
