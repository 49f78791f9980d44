package space.lunarbase.fsw.core.watchdog;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.config.WatchdogSettings;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.fdir.Safing;
import space.lunarbase.fsw.core.rate.Progress;
import space.lunarbase.fsw.core.rate.RateGroupDriver;

/**
 * The watchdog in the firmware: systemd's environment read once, notifications sent with
 * {@code systemd-notify}, the watchdog thread started with the context and stopped first at shutdown.
 */
@Factory
final class WatchdogBeans {

  @Singleton
  SystemdEnvironment systemdEnvironment() {
    return SystemdEnvironment.from(System.getenv(), ProcessHandle.current().pid());
  }

  @Singleton
  NotifySender notifySender() {
    return SystemdNotifyCommand.forThisProcess();
  }

  @Singleton
  ServiceManager serviceManager(SystemdEnvironment environment, NotifySender sender) {
    return new ServiceManager(environment, sender);
  }

  @Singleton
  Progress progress(WatchdogSettings settings) {
    return new Progress(settings.stuckPeriods(), settings.minStuckTime());
  }

  @Singleton
  @Bean(preDestroy = "close")
  Watchdog watchdog(RateGroupDriver driver, Progress progress, WatchdogSettings settings, Safing safing,
                    EventLog events, ServiceManager serviceManager, List<Vital> vitals) {
    return new Watchdog(driver, progress, settings.minStuckTime().toNanos(), safing, events, serviceManager,
        System::nanoTime, vitals);
  }
}
