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
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.BalancingReading;
import space.lunarbase.hal.bank.CapacitorBank;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.hal.board.Board;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Samples the capacitor bank's pack (if the board has a bank) every {@code lunarbase.bank.sample-period} (a task
 * of the rate group that divides that period) and hands one
 * {@link TelemetryFrame} per sample to the outbox for {@code tlm/bank}: the pack as read now and,
 * with bank management, its latest status ({@link BankFrames}). A failed reading is sent too,
 * marked with its quality and fault, so operators see the hardware's trouble.
 */
@Context
public final class BankSampler {

  /** The stream bank frames go to. */
  public static final String STREAM = "tlm/bank";

  private final Board board;
  private final HeaderStamper headers;
  private final Outbox outbox;

  private final int qos;

  private final Optional<PackSeries> series;
  private final Optional<BankManager> manager;

  public BankSampler(Board board, HeaderStamper headers, Outbox outbox, StoreAndForwardSettings storeAndForward,
                     Optional<PackSeries> series, Optional<BankManager> manager, RateGroupDriver rateGroups,
                     BankSettings settings) {
    this.board = board;
    this.headers = headers;
    this.outbox = outbox;
    this.qos = storeAndForward.telemetryQos();
    this.series = series;
    this.manager = manager;
    rateGroups.every(settings.samplePeriod(), "lunarbase.bank.sample-period",
        RateGroupTask.of("bank-frames", cycleTime -> sample()));
  }

  /** Takes one sample now and offers its frame to the outbox (the rate-group task's body; benchmarks drive it too). */
  public void sample() {
    board.bank().ifPresent(this::sample);
  }

  private void sample(CapacitorBank bank) {
    // what was commanded is read before what is measured, so a measurement never predates its command
    Optional<BankStatus> status = manager.flatMap(BankManager::latest);
    double setpointA = board.cellBank().map(CellBank::chargeCurrentSetpointA).orElse(0.0);
    Optional<BalancingReading> balancing = status.flatMap(s -> board.cellBank().map(CellBank::readBalancing));
    PackReading reading = bank.readPack();
    BankTelemetry.Builder telemetry = BankFrames.pack(bank.id(), reading);
    status.ifPresent(s -> BankFrames.management(telemetry, s, balancing.orElseThrow(), setpointA));
    TelemetryFrame.Builder frame = TelemetryFrame.newBuilder()
        .setHeader(headers.next(STREAM, reading.time()))
        .setBank(telemetry);
    series.ifPresent(s -> frame.addAllBatches(s.drain(reading.time())));
    outbox.offer(new Outbound(STREAM, frame.build().toByteArray(), qos, false));
  }

  /** The quality as telemetry carries it. */
  static space.lunarbase.proto.v1.Quality quality(Quality quality) {
    return BankFrames.quality(quality);
  }
}
