package space.lunarbase.fsw;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.watchdog.Watchdog;
import space.lunarbase.fsw.link.StartupNotice;

/**
 * Starts the controller firmware: a Micronaut context whose beans sample the hardware and keep the
 * MQTT link. Configuration comes from {@code application.yml}, environment variables
 * ({@code LUNARBASE_LINK_BROKER_URL}) and {@code --key=value} arguments. A start that cannot
 * succeed ends with one line on stderr and exit code 2. SIGTERM or Ctrl-C closes the context,
 * which publishes OFFLINE before disconnecting.
 */
public final class Application {

  /** Exit code of a start that failed. */
  public static final int START_FAILED = 2;

  private Application() {}

  private static void start(EmbeddedApplication<?> server) {
    server.start();
  }

  public static void main(String[] args) {
    ApplicationContext context = ApplicationContext.builder(Application.class).args(args).banner(false).build();
    try {
      context.start();
      context.findBean(EmbeddedApplication.class).ifPresent(server -> start(server));
      context.getBean(StartupNotice.class).print(System.out);
    } catch (RuntimeException | Error e) {
      System.err.println("lunarbase-fsw: cannot start: " + StartFailure.describe(e, context.getEnvironment()));
      System.exit(START_FAILED);
      return;
    }
    ApplicationContext started = context;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // the watchdog, then the rate groups, first: no task may run against a half-closed context
      // (Micronaut's @Scheduled re-created beans during shutdown), and stopping is not being stuck
      started.findBean(Watchdog.class).ifPresent(Watchdog::close);
      started.findBean(RateGroupDriver.class).ifPresent(RateGroupDriver::close);
      started.close();
    }, "shutdown"));
  }
}
