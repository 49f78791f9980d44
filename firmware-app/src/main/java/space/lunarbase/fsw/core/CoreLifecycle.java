package space.lunarbase.fsw.core;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.watchdog.Watchdog;

/**
 * Starts the rate groups once the context has created every start-up bean (so every task is
 * registered), then their watchdog; at shutdown stops the watchdog (stopping is not being stuck),
 * then the groups, before any other bean is destroyed, so no task runs against a half-closed context.
 */
@Singleton
final class CoreLifecycle {

  private final RateGroupDriver groups;
  private final Watchdog watchdog;

  CoreLifecycle(RateGroupDriver groups, Watchdog watchdog) {
    this.groups = groups;
    this.watchdog = watchdog;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    groups.start();
    watchdog.start();
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    watchdog.close();
    groups.close();
  }
}
