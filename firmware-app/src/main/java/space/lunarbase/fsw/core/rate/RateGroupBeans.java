package space.lunarbase.fsw.core.rate;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.RateGroupSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.core.event.EventLog;

/**
 * The rate groups in the firmware: one {@link RateGroupDriver} on the injected {@link Tick}
 * (chosen with the hardware mode), started once the context has created every start-up bean (so
 * every task is registered), stopped at shutdown before any other bean is destroyed. Overruns
 * become {@code RATE_GROUP_OVERRUN} events ({@link OverrunEvents}).
 */
@Factory
final class RateGroupBeans {

  @Singleton
  @Bean(preDestroy = "close")
  RateGroupDriver driver(RateGroupSettings settings, HalSettings hal, Tick tick, EventLog events) {
    // hal first: its Tick comes from the hal mode's hardware factory, so a bad hal.mode must be
    // reported as such rather than as a missing Tick
    return new RateGroupDriver(settings.groups(), tick, new OverrunEvents(events));
  }

  /** Starts the groups once the context is up. */
  @Singleton
  static final class Start implements ApplicationEventListener<StartupEvent> {

    private final RateGroupDriver driver;

    Start(RateGroupDriver driver) {
      this.driver = driver;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
      driver.start();
    }
  }

  /** Stops the groups first at shutdown, so no task runs against a half-closed context. */
  @Singleton
  static final class Stop implements ApplicationEventListener<ShutdownEvent> {

    private final RateGroupDriver driver;

    Stop(RateGroupDriver driver) {
      this.driver = driver;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
      driver.close();
    }
  }
}
