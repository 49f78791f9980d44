package space.lunarbase.fsw.app.bank;

import io.micronaut.context.annotation.Context;
import java.util.Optional;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.link.Topics;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.CapacitorBank;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.hal.board.Board;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Samples the capacitor bank's pack (if the board has a bank) every {@code lunarbase.bank.sample-period} (a task
 * of the rate group that divides that period) and hands one
 * {@link TelemetryFrame} per sample to the outbox for {@code tlm/bank}. A failed reading is sent
 * too, marked with its quality and fault, so operators see the hardware's trouble.
 */
@Context
public final class BankSampler {

  /** The stream bank frames go to. */
  public static final String STREAM = Topics.telemetry("bank");

  private final Board board;
  private final HeaderStamper headers;
  private final Outbox outbox;

  private final int qos;

  private final Optional<PackSeries> series;

  public BankSampler(Board board, HeaderStamper headers, Outbox outbox, StoreAndForwardSettings storeAndForward,
                     Optional<PackSeries> series, RateGroupDriver rateGroups, BankSettings settings) {
    this.board = board;
    this.headers = headers;
    this.outbox = outbox;
    this.qos = storeAndForward.telemetryQos();
    this.series = series;
    rateGroups.every(settings.samplePeriod(), "lunarbase.bank.sample-period",
        RateGroupTask.of("bank-frames", cycleTime -> sample()));
  }

  /** Takes one sample now and offers its frame to the outbox (the rate-group task's body; benchmarks drive it too). */
  public void sample() {
    board.bank().ifPresent(this::sample);
  }

  private void sample(CapacitorBank bank) {
    PackReading reading = bank.readPack();
    TelemetryFrame.Builder frame = TelemetryFrame.newBuilder()
        .setHeader(headers.next(STREAM, reading.time()))
        .setBank(toProto(bank.id(), reading));
    series.ifPresent(s -> frame.addAllBatches(s.drain(reading.time())));
    outbox.offer(new Outbound(STREAM, frame.build().toByteArray(), qos, false));
  }

  static space.lunarbase.proto.v1.BankTelemetry toProto(String bankId, PackReading reading) {
    return space.lunarbase.proto.v1.BankTelemetry.newBuilder()
        .setBankId(bankId)
        .setPackVoltageV(reading.voltageV())
        .setPackCurrentA(reading.currentA())
        .setPackPowerW(reading.powerW())
        .setShuntVoltageV(reading.shuntVoltageV())
        .setQuality(quality(reading.quality()))
        .setFault(reading.fault() == null ? "" : reading.fault())
        .build();
  }

  static space.lunarbase.proto.v1.Quality quality(Quality quality) {
    return switch (quality) {
      case GOOD -> space.lunarbase.proto.v1.Quality.QUALITY_GOOD;
      case STALE -> space.lunarbase.proto.v1.Quality.QUALITY_STALE;
      case OUT_OF_RANGE -> space.lunarbase.proto.v1.Quality.QUALITY_OUT_OF_RANGE;
      case FAILED -> space.lunarbase.proto.v1.Quality.QUALITY_FAILED;
    };
  }
}
