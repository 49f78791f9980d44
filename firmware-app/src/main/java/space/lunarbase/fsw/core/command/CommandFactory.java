package space.lunarbase.fsw.core.command;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.HalSettings;

/** The key ring and the replay counters, loaded at start (a bad key file stops the start). */
@Factory
final class CommandFactory {

  @Singleton
  Keys keys(CommandSettings settings, HalSettings hal) {
    return Keys.open(settings.keyPath(), HalSettings.REAL.equals(hal.mode()));
  }

  @Singleton
  ReplayGuard replayGuard(ControllerSettings controller) {
    return ReplayGuard.open(controller.dataPath());
  }
}
