package space.lunarbase.station;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;

/**
 * Starts the ground station: a Micronaut context with the archive, the site link, ingest and the
 * web server (console, API, live feed). Settings from {@code application.yml}, environment
 * variables ({@code LUNARBASE_STATION_BROKER_URL}) and {@code --key=value} arguments. A start that
 * cannot succeed ends with one line on stderr and exit code 2; SIGTERM or Ctrl-C closes it cleanly.
 */
public final class StationApplication {

  /** Exit code of a start that failed. */
  public static final int START_FAILED = 2;

  private StationApplication() {}

  private static void start(EmbeddedApplication<?> server) {
    server.start();
  }

  public static void main(String[] args) {
    ApplicationContext context = ApplicationContext.builder(StationApplication.class).args(args).banner(false).build();
    try {
      context.start();
      context.findBean(EmbeddedApplication.class).ifPresent(server -> start(server));
      notice(context, System.out);
    } catch (RuntimeException | Error e) {
      System.err.println("ground-station: cannot start: " + describe(e));
      System.exit(START_FAILED);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(context::close, "shutdown"));
  }

  private static void notice(ApplicationContext context, PrintStream out) {
    Station station = context.getBean(Station.class);
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    String url = "http://" + server.getHost() + ":" + server.getPort() + "/";
    out.printf("lunarbase ground station: site %s/# at %s (client id %s)%n", station.settings().topicRoot(),
        station.settings().brokerUrl(), station.link().clientId());
    out.printf("Archive: %s%n", station.archive().folder().toAbsolutePath());
    out.printf("Console: %s%n", url);
    out.printf("API: %sapi/site, %sapi/history?controller=S/C&channel=N&start=MS&end=MS&strategy=minmax%n", url, url);
    out.println("Stop with Ctrl-C.");
    out.flush();
  }

  /** The first cause that says something, for one line. */
  static String describe(Throwable e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof StationSettings.BadSetting || cause instanceof IllegalStateException
          || cause instanceof IllegalArgumentException) {
        return cause.getMessage();
      }
      if (cause.getCause() == null) {
        break;
      }
      cause = cause.getCause();
    }
    return cause == null ? String.valueOf(e) : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
