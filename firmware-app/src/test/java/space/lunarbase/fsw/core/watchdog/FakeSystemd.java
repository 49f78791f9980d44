package space.lunarbase.fsw.core.watchdog;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * systemd as the firmware would see it under a unit with {@code WatchdogSec=} (only with
 * {@code lunarbase.test.notify-program} set): the environment says notify, with a watchdog of
 * {@code lunarbase.test.watchdog-usec}, and notifications go through the real
 * {@link SystemdNotifyCommand}, running the given program instead of {@code systemd-notify} (the
 * test's program records its arguments).
 */
@Factory
@Requires(property = "lunarbase.test.notify-program")
final class FakeSystemd {

  @Singleton
  @Replaces(value = SystemdEnvironment.class, factory = WatchdogBeans.class)
  SystemdEnvironment environment(@Value("${lunarbase.test.watchdog-usec}") long usec) {
    return new SystemdEnvironment(true, Optional.of(Duration.ofNanos(usec * 1000)));
  }

  @Singleton
  @Replaces(value = NotifySender.class, factory = WatchdogBeans.class)
  NotifySender sender(@Value("${lunarbase.test.notify-program}") String program) {
    return new SystemdNotifyCommand(program, ProcessHandle.current().pid());
  }
}
