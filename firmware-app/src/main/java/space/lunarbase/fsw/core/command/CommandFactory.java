package space.lunarbase.fsw.core.command;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Map;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;

/** The key ring and the replay counters, loaded at start (a bad key file stops the start). */
@Factory
final class CommandFactory {

  @Singleton
  Keys keys(CommandSettings settings, HalSettings hal) {
    return Keys.open(settings.keyPath(), HalSettings.REAL.equals(hal.mode()));
  }

  /** The replay counters; lost ones start from a floor, with {@code COMMAND_COUNTERS_LOST}. */
  @Singleton
  ReplayGuard replayGuard(ControllerSettings controller, BootInfo boot, InstantSource clock, EventLog events) {
    ReplayGuard guard = ReplayGuard.open(controller.dataPath(), clock, boot.bootCount() == 1);
    guard.loss().ifPresent(found -> events.emitUnthrottled(CoreEvents.COMMAND_COUNTERS_LOST, found, Map.of(
        "folder", controller.dataPath().resolve(ReplayGuard.FOLDER).toString(),
        "floor", Long.toUnsignedString(guard.floor()))));
    return guard;
  }
}
