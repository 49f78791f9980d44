package space.lunarbase.fsw.app.bank;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;
import space.lunarbase.fsw.core.telemetry.SampleBatcher;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.hal.board.Board;
import space.lunarbase.proto.v1.SampleBatch;

/**
 * Samples the bank's pack voltage and current at {@code lunarbase.bank.fast-sample-period} (e.g.
 * 1 kHz) between frames; {@link BankSampler} carries what was collected in its next frame as two
 * {@link SampleBatch}es ({@code pack_voltage_v}, {@code pack_current_a}). Runs in the rate group
 * that divides the period (1 kHz needs a group of 1 kHz, e.g. {@code lunarbase.rate-groups.fast=1kHz}).
 * Off unless that property is set.
 */
@Singleton
@Requires(property = "lunarbase.bank.fast-sample-period")
public final class PackSeries {

  /** Enough for 2 s at 1 kHz between two frames; older samples are dropped and counted. */
  static final int MAX_SAMPLES_PER_CHANNEL = 2000;

  private final Board board;
  private final SampleBatcher batcher = new SampleBatcher(MAX_SAMPLES_PER_CHANNEL);

  public PackSeries(Board board, RateGroupDriver rateGroups,
                    @Value("${lunarbase.bank.fast-sample-period}") java.time.Duration period) {
    this.board = board;
    if (period.compareTo(java.time.Duration.ofMillis(1)) < 0 || period.compareTo(java.time.Duration.ofSeconds(10)) > 0) {
      throw new space.lunarbase.fsw.config.InvalidConfigException("lunarbase.bank.fast-sample-period", period,
          "use a duration from 1ms to 10s, or leave it unset to send no batches");
    }
    rateGroups.every(period, "lunarbase.bank.fast-sample-period",
        RateGroupTask.of("bank-pack-series", cycleTime -> sample()));
  }

  void sample() {
    board.bank().ifPresent(bank -> {
      PackReading reading = bank.readPack();
      var quality = BankSampler.quality(reading.quality());
      batcher.add("pack_voltage_v", reading.time(), (float) reading.voltageV(), quality);
      batcher.add("pack_current_a", reading.time(), (float) reading.currentA(), quality);
    });
  }

  /** The samples since the last frame, relative to that frame's time. */
  List<SampleBatch> drain(java.time.Instant frameTime) {
    return batcher.drain(frameTime);
  }

  /** Samples dropped because frames came too seldom. */
  public long dropped() {
    return batcher.dropped();
  }
}
