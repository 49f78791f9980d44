package space.lunarbase.fsw.app.bank;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.DisabledBeanException;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Optional;
import space.lunarbase.fsw.config.BankManagementSettings;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.fdir.RedConditions;
import space.lunarbase.fsw.core.fdir.SiteSafing;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.board.Board;

/**
 * Bank management in the firmware, present only if the board has a cell bank: its
 * {@link BankRatings} (a pack monitor that cannot measure the pack current's red limit stops the
 * start here, before anything derives a limit from it), the {@link BankThermometers} task every
 * {@code lunarbase.bank.management.temperature-period}, the {@link BankManager} task every
 * {@code lunarbase.bank.management.period}, and the {@link ShotReadiness} the rail reads (on a
 * board without a bank it answers "not ready: no capacitor bank on this controller").
 */
@Factory
final class BankBeans {

  @Singleton
  BankRatings ratings(Board board, BankSettings settings, HalSettings hal) {
    BankRatings ratings = BankRatings.of(board, settings, hal.board()).orElseThrow(BankBeans::noBank);
    BankChannels.requireMeasurable(ratings);
    return ratings;
  }

  @Context
  BankThermometers thermometers(Board board, BankManagementSettings settings, RateGroupDriver rateGroups) {
    CellBank bank = board.cellBank().orElseThrow(BankBeans::noBank);
    BankThermometers thermometers = new BankThermometers(bank, settings.temperaturePeriod());
    thermometers.refresh();
    rateGroups.every(settings.temperaturePeriod(), "lunarbase.bank.management.temperature-period",
        RateGroupTask.of("bank-thermometers", cycleTime -> thermometers.refresh()));
    return thermometers;
  }

  @Context
  @Bean(typed = BankManager.class)
  BankManager manager(Board board, Optional<BankRatings> ratings, Optional<BankThermometers> thermometers,
                      Parameters parameters, Modes modes, RedConditions conditions, SiteSafing safing, EventLog events,
                      InstantSource clock, BankManagementSettings settings, RateGroupDriver rateGroups) {
    CellBank bank = board.cellBank().orElseThrow(BankBeans::noBank);
    BankManager manager = new BankManager(bank, ratings.orElseThrow(BankBeans::noBank), parameters, modes, conditions,
        safing, events, thermometers.orElseThrow(BankBeans::noBank), clock, settings.period());
    manager.cycle(clock.instant()); // a status (and safe outputs) before the first telemetry frame
    rateGroups.every(settings.period(), "lunarbase.bank.management.period",
        RateGroupTask.of("bank-manager", manager::cycle));
    return manager;
  }

  @Singleton
  ShotReadiness shotReadiness(Optional<BankManager> manager) {
    return manager.<ShotReadiness>map(m -> m)
        .orElse(() -> ShotReadiness.Status.notReady("no capacitor bank on this controller", 0));
  }

  private static DisabledBeanException noBank() {
    return new DisabledBeanException("the board has no cell bank");
  }
}
