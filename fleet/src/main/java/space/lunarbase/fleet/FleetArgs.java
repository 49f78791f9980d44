package space.lunarbase.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line of {@code ./run-fleet}: {@code N [--broker URL] [--site ID] [--site-dir DIR]
 * [--data-dir DIR] [--mqtt3] [--qos0] [--duration 60s] [--manifest]}.
 *
 * @param controllers how many controllers
 * @param broker the broker; empty: {@code ./run-sim}'s embedded broker on tcp://127.0.0.1:1883
 * @param mqtt3 speak MQTT 3.1.1, as to {@code ./run-sim}'s embedded broker (Moquette) on another port
 * @param site the site id
 * @param siteDir a provisioned site folder whose bundles give each controller its TLS files
 * @param dataDir where each controller keeps its boot count and journal
 * @param storeAndForward false with {@code --qos0}: QoS 0 and no journal
 * @param duration stop after this long; empty: until Ctrl-C or SIGTERM
 * @param manifest only print a site manifest naming the N controllers, for {@code lunarctl site provision}
 */
record FleetArgs(int controllers, Optional<String> broker, boolean mqtt3, String site, Optional<Path> siteDir,
                 Path dataDir, boolean storeAndForward, Optional<Duration> duration, boolean manifest) {

  static final String USAGE = """
      usage: run-fleet N [--broker tcp://host:port | ssl://host:port] [--site-dir DIR] [--site ID]
                         [--data-dir DIR] [--mqtt3] [--qos0] [--duration 60s] [--manifest]""";
  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
  private static final Pattern URL = Pattern.compile("(tcp|ssl)://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(ms|s|m|h)");

  /** Thrown for a command line that cannot be run; its message says why, for a person. */
  static final class BadArgs extends RuntimeException {
    BadArgs(String message) {
      super(message);
    }
  }

  static FleetArgs parse(String... args) {
    Integer n = null;
    Optional<String> broker = Optional.empty();
    String site = "lunar-south";
    Optional<Path> siteDir = Optional.empty();
    Path dataDir = Path.of("data", "fleet");
    boolean storeAndForward = true;
    Optional<Duration> duration = Optional.empty();
    boolean manifest = false;
    boolean mqtt3 = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--broker" -> broker = Optional.of(url(value(args, ++i, arg)));
        case "--site" -> site = id(value(args, ++i, arg));
        case "--site-dir" -> siteDir = Optional.of(Path.of(value(args, ++i, arg)));
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "--qos0" -> storeAndForward = false;
        case "--mqtt3" -> mqtt3 = true;
        case "--duration" -> duration = Optional.of(duration(value(args, ++i, arg)));
        case "--manifest" -> manifest = true;
        default -> {
          if (arg.startsWith("-") || n != null) {
            throw new BadArgs("unknown argument '" + arg + "'");
          }
          n = count(arg);
        }
      }
    }
    if (n == null) {
      throw new BadArgs("say how many controllers, e.g. run-fleet 100");
    }
    if (siteDir.isPresent() && !broker.map(b -> b.startsWith("ssl://")).orElse(false)) {
      throw new BadArgs("--site-dir needs an ssl:// --broker (the site broker)");
    }
    if (broker.map(b -> b.startsWith("ssl://")).orElse(false) && siteDir.isEmpty()) {
      throw new BadArgs("an ssl:// broker needs --site-dir, the provisioned site's folder (each controller's bundle)");
    }
    if (mqtt3 && siteDir.isPresent()) {
      throw new BadArgs("--mqtt3 is for the embedded demo broker, not a site broker");
    }
    return new FleetArgs(n, broker, mqtt3 || broker.isEmpty(), site, siteDir, dataDir, storeAndForward, duration, manifest);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new BadArgs(option + " needs a value");
    }
    return args[i];
  }

  private static int count(String arg) {
    try {
      int n = Integer.parseInt(arg);
      if (n < 1 || n > 10_000) {
        throw new BadArgs("N is 1 to 10000 controllers, not " + arg);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadArgs("N must be a number of controllers, not '" + arg + "'");
    }
  }

  private static String url(String value) {
    if (!URL.matcher(value).matches()) {
      throw new BadArgs("--broker '" + value + "': give tcp://host:port or ssl://host:port");
    }
    return value;
  }

  private static String id(String value) {
    if (!ID.matcher(value).matches()) {
      throw new BadArgs("--site '" + value + "': an id is [a-z0-9-]+");
    }
    return value;
  }

  private static Duration duration(String value) {
    var m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new BadArgs("--duration '" + value + "': give e.g. 500ms, 60s, 10m, 1h");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
