package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Optional;
import space.lunarbase.fsw.config.board.BoardDescriptions;
import space.lunarbase.fsw.core.rate.ClockTick;
import space.lunarbase.fsw.core.rate.Tick;
import space.lunarbase.fsw.core.time.ClockSync;
import space.lunarbase.fsw.core.time.SystemClockSync;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.board.LinuxBoard;

/**
 * {@code hal.mode=real}: the board {@code hal.board} describes ({@code demo} or a board file), on
 * one Pi4J context with only Pi4J's Linux providers, on the system clock, whose synchronisation the
 * kernel reports ({@link SystemClockSync}). A missing device file or a chip that does not answer
 * fails the start loudly; nothing simulated is loaded.
 */
@Factory
@Requires(property = "hal.mode", value = HalSettings.REAL)
final class RealHardware {

  /**
   * The system clock. Primary: Micronaut itself provides an {@code InstantSource} too
   * ({@code InstantSourceFactory}), and the two would otherwise be ambiguous wherever the firmware
   * asks for its clock. Takes the /sim guard so that, with the channel switched on, its refusal
   * comes before anything that reads the clock (clock sync, events) runs.
   */
  @Singleton
  @Primary
  InstantSource clock(Optional<SimControlGuard> simControl) {
    return InstantSource.system();
  }

  /** Whether the system clock is synchronised: the kernel's NTP status (timedatectl, timesyncd, chrony). */
  @Singleton
  ClockSync clockSync(AuthoritySettings settings) {
    return new SystemClockSync(settings.timedatectl(), settings.timesyncFlagPath(), settings.chronyc());
  }

  /** The rate groups' timeline: the system clock at real time. */
  @Singleton
  Tick tick(InstantSource clock) {
    return new ClockTick(clock, () -> 1.0);
  }

  @Context
  @Bean(preDestroy = "close")
  Board board(BankSettings bank, HalSettings hal, InstantSource clock) {
    return LinuxBoard.open(BoardDescriptions.resolve(hal.board(), bank::wiring), clock);
  }

  /** A real cable has no wrap sensor: the saved wrap, or an operator, gives its turn. */
  @Singleton
  KnownCableWrap knownCableWrap() {
    return KnownCableWrap.NONE;
  }
}
