package space.lunarbase.fsw.sim;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.OptionalDouble;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.KnownCableWrap;
import space.lunarbase.fsw.config.board.BoardDescriptions;
import space.lunarbase.fsw.core.rate.ClockTick;
import space.lunarbase.fsw.core.rate.Tick;
import space.lunarbase.fsw.core.time.ClockSync;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedBoard;

/**
 * {@code hal.mode=sim}: the board {@code hal.board} describes ({@code demo} or a board file),
 * simulated on one Pi4J context whose chips answer at register level from the demo plant models,
 * on a clock that starts now (or at {@code hal.sim-start}) and runs {@code hal.sim-clock-rate} times
 * faster than real time (the rate groups run on it too). The
 * drivers are the ones a real board uses; only the Pi4J providers differ. A board file the demo
 * plants cannot simulate (another cell count, other mechanics or rail) stops the start naming
 * {@code hal.board}. The simulated bank starts empty, charger off and contactors open: bank
 * management charges it on command ({@code bank.CHARGE}). The rail's coil stages draw their energy from the
 * simulated bank's cells (a shot lowers the cell voltages). The simulated tracker's cable starts at the
 * plant's wrap ({@link KnownCableWrap}).
 */
@Factory
@SimulatedHardware
final class SimulatedHardwareFactory {

  @Singleton
  SimClock clock(HalSettings hal) {
    return SimClock.running(start(hal.simStart()), hal.simClockRate());
  }

  /** {@code hal.sim-start}: an ISO-8601 UTC instant, or empty for now. */
  private static Instant start(String start) {
    if (start == null || start.isBlank()) {
      return Instant.now();
    }
    try {
      return Instant.parse(start.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidConfigException("hal.sim-start", start, "give a UTC instant such as 2026-11-01T00:00:00Z,"
          + " or leave it empty for now");
    }
  }

  /** The simulation clock is synchronised by definition. */
  @Singleton
  ClockSync clockSync() {
    return ClockSync.SIMULATED;
  }

  /** The rate groups' timeline: the simulation clock, its waits scaled by the rate it reports. */
  @Singleton
  Tick tick(SimClock clock) {
    return new ClockTick(clock, clock::rate);
  }

  @Context
  @Bean(preDestroy = "close")
  Board board(BankSettings bank, HalSettings hal, SimClock clock) {
    SimulatedBoard sim = start(hal.board(), BoardDescriptions.resolve(hal.board(), bank::wiring), clock);
    try {
      sim.refresh();
      return sim;
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /**
   * The simulated tracker's plant knows its cable wrap, and is built afresh at every start: the
   * firmware starts from it instead of assuming a turn (or trusting a file an earlier run left).
   */
  @Singleton
  KnownCableWrap knownCableWrap(Board board) {
    if (!(board instanceof SimulatedBoard sim)) {
      return KnownCableWrap.NONE;
    }
    return sim.trackerSim().<KnownCableWrap>map(tracker -> () -> OptionalDouble.of(tracker.plant().cableWrapDeg()))
        .orElse(KnownCableWrap.NONE);
  }

  /** The demo plants answer for the described chips; a board they cannot simulate names hal.board. */
  private static SimulatedBoard start(String board, BoardDescription description, SimClock clock) {
    try {
      return SimulatedBoard.start(description, SimulatedBoard.Plants.demo().withRailFedByBank(true), clock);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("hal.board", board.trim() + ": hal.mode=sim simulates the demo board's plants"
          + " (12 cells, demo mechanics, demo rail), which this board does not match: " + e.getMessage());
    }
  }
}
