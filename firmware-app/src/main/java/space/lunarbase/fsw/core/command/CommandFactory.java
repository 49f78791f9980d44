package space.lunarbase.fsw.core.command;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.InvalidConfigException;

/** The key ring and the replay counters, loaded at start (a bad key file stops the start). */
@Factory
final class CommandFactory {

  @Singleton
  KeyRing keyRing(CommandSettings settings, HalSettings hal) {
    KeyRing ring = KeyRing.load(settings.keyPath());
    if (ring.development() && HalSettings.REAL.equals(hal.mode())) {
      throw new InvalidConfigException("lunarbase.commands.key-file", settings.keyFile()
          + ": a development key ring (development: true) is refused with hal.mode=real; make the site's own");
    }
    return ring;
  }

  @Singleton
  ReplayGuard replayGuard(ControllerSettings controller) {
    return ReplayGuard.open(controller.dataPath());
  }
}
