package space.lunarbase.fsw;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import java.time.Duration;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.watchdog.Watchdog;
import space.lunarbase.fsw.link.MqttLink;
import space.lunarbase.fsw.link.StartupNotice;

/**
 * Starts the controller firmware: a Micronaut context whose beans sample the hardware and keep the
 * MQTT link. Configuration comes from {@code application.yml}, environment variables
 * ({@code LUNARBASE_LINK_BROKER_URL}) and {@code --key=value} arguments. A start that cannot
 * succeed ends with one line on stderr and exit code 2. SIGTERM or Ctrl-C closes the context,
 * which publishes OFFLINE before disconnecting. The HTTP server ({@code /health},
 * {@code /prometheus}) starts once the link has sent its first frames: telemetry does not wait for it.
 */
public final class Application {

  /** Exit code of a start that failed. */
  public static final int START_FAILED = 2;

  private Application() {}

  /**
   * The longest the HTTP server (/health, /prometheus) waits for the link's first live message:
   * with a broker away it comes up this much later; until then /health is unavailable, never wrong.
   */
  static final Duration SERVER_AFTER_LINK = Duration.ofSeconds(2);

  private static void start(EmbeddedApplication<?> server) {
    server.start();
  }

  /**
   * Lets the link connect, announce itself and send the first frames before the HTTP server, its
   * Netty and its meters take the processor: they are not needed for telemetry.
   */
  private static void awaitFirstLive(MqttLink link) {
    try {
      link.awaitFirstLive(SERVER_AFTER_LINK);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The firmware's context for these arguments, not yet started. */
  static ApplicationContext context(String... args) {
    // no environment deduction (cloud, Kubernetes, test frameworks): configuration is explicit
    return ApplicationContext.builder(Application.class).args(args).banner(false).deduceEnvironment(false).build();
  }

  /**
   * Starts the context (the hardware, the rate groups and the link, which connects on its own
   * thread), waits for the link's first live message (at most {@link #SERVER_AFTER_LINK}), then
   * starts the HTTP server.
   */
  static void start(ApplicationContext context) {
    context.start();
    context.findBean(MqttLink.class).ifPresent(Application::awaitFirstLive);
    context.findBean(EmbeddedApplication.class).ifPresent(server -> start(server));
  }

  public static void main(String[] args) {
    ApplicationContext context = context(args);
    try {
      start(context);
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
