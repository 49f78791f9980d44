package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.board.LinuxBoard;

/**
 * {@code hal.mode=real}: Pi4J's Linux providers on the system clock. Absent hardware fails the
 * start loudly; nothing simulated is loaded.
 */
@Factory
@Requires(property = "hal.mode", value = HalSettings.REAL)
final class RealHardware {

  @Singleton
  InstantSource clock() {
    return InstantSource.system();
  }

  @Context
  @Bean(preDestroy = "close")
  Board board(BankSettings bank, InstantSource clock) {
    return LinuxBoard.open(bank.wiring(), clock);
  }
}
