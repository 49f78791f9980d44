package space.lunarbase.fsw.app.rail;

import io.micronaut.context.annotation.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import space.lunarbase.fsw.app.bank.ShotReadiness;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.RailSettings;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.config.board.BoardDescriptions;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;
import space.lunarbase.fsw.core.rate.Tick;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.board.RailWiring;

/**
 * Builds the rail's {@link RailSequencer} when the board has a rail (none otherwise) and puts it
 * on the rate groups: a sequence cycle every {@code lunarbase.rail.sequence-period} and a
 * {@code tlm/rail} frame every {@code lunarbase.rail.telemetry-period}. The sequence's time is the
 * rate groups' timeline ({@link Tick}: the simulation clock with {@code hal.mode=sim}, the system
 * clock on a board), the rail hardware's own time. The bank's
 * {@link ShotReadiness} is optional: without one on this controller, ARM is refused with "no bank
 * on this controller".
 */
@Context
public final class RailSequencing {

  private final Optional<RailSequencer> sequencer;

  public RailSequencing(Board board, BankSettings bankSettings, HalSettings hal,
      Optional<ShotReadiness> bank, Parameters parameters, Modes modes, EventLog events, HeaderStamper headers,
      Outbox outbox, StoreAndForwardSettings storeAndForward, Tick tick, RateGroupDriver rateGroups,
      RailSettings settings) {
    InstantSource clock = () -> Instant.ofEpochSecond(0, tick.nanos());
    this.sequencer = board.rail().map(rail -> {
      RailWiring wiring = BoardDescriptions.resolve(hal.board(), bankSettings::wiring).rail().orElseThrow(
          () -> new IllegalStateException("the board has a rail its description does not describe"));
      RailSequencer s = new RailSequencer(rail, RailGeometry.of(wiring), new Interlocks(rail, bank, parameters),
          parameters, modes, events, new RailFrames(headers, outbox, storeAndForward.telemetryQos()), clock);
      rateGroups.every(settings.sequencePeriod(), "lunarbase.rail.sequence-period",
          RateGroupTask.of("rail-sequence", s::tick));
      rateGroups.every(settings.telemetryPeriod(), "lunarbase.rail.telemetry-period",
          RateGroupTask.of("rail-frames", s::publishRail), false);
      return s;
    });
  }

  /** The rail's sequencer; empty if the board has no rail. */
  public Optional<RailSequencer> sequencer() {
    return sequencer;
  }
}
