package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.sim.CapacitorStringPlant;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedBoard;

/**
 * {@code hal.mode=sim}: a simulated board whose chips answer at register level from plant models,
 * on a clock that starts now and runs {@code hal.sim-clock-rate} times faster than real time. The
 * drivers are the ones a real board uses; only the Pi4J providers differ.
 */
@Factory
@Requires(property = "hal.mode", value = HalSettings.SIM)
final class SimulatedHardware {

  @Singleton
  SimClock clock(HalSettings hal) {
    return SimClock.running(Instant.now(), hal.simClockRate());
  }

  @Context
  @Bean(preDestroy = "close")
  Board board(BankSettings bank, SimClock clock) {
    return SimulatedBoard.start(bank.wiring(), CapacitorStringPlant.Spec.demo(), clock);
  }
}
