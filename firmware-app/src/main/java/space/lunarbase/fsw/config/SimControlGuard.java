package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.value.PropertyResolver;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses a start in which the simulation control channel ({@value #ENABLED}) could touch real
 * hardware or be reached from another machine: it exists only with {@code hal.mode=sim}, and only
 * when the HTTP server binds a loopback address ({@code micronaut.server.host} 127.x.x.x, ::1 or
 * localhost). Created at start-up, and in real mode before the clock everything else needs
 * ({@link RealHardware}), so a wrong combination stops the firmware with one line and nothing else.
 */
@Context
@Requires(property = SimControlGuard.ENABLED, value = "true")
public final class SimControlGuard {

  /** The flag that turns the channel on (off by default). */
  public static final String ENABLED = "lunarbase.sim-control.enabled";
  /** The HTTP server's bind address, which the channel shares with /health. */
  public static final String SERVER_HOST = "micronaut.server.host";

  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

  SimControlGuard(HalSettings hal, @Value("${" + SERVER_HOST + ":}") String serverHost) {
    check(hal.mode(), serverHost).ifPresent(problem -> {
      throw problem;
    });
  }

  /** The reason the channel may not run with this mode and bind address, if there is one. */
  public static Optional<InvalidConfigException> check(String halMode, String serverHost) {
    if (!HalSettings.SIM.equals(halMode == null ? null : halMode.toLowerCase(Locale.ROOT))) {
      return Optional.of(new InvalidConfigException(ENABLED, "true",
          "the simulation control channel exists only with hal.mode=sim (this is hal.mode=" + halMode + ")"));
    }
    if (!isLoopback(serverHost)) {
      return Optional.of(new InvalidConfigException(SERVER_HOST, serverHost == null || serverHost.isBlank() ? null
          : serverHost, "with " + ENABLED + "=true the HTTP server must bind a loopback address"
          + " (127.0.0.1, ::1 or localhost): the simulation control channel is for this machine only"));
    }
    return Optional.empty();
  }

  /**
   * The same check on raw properties, for a start that failed before this bean was created (see
   * {@code StartFailure}); empty when the channel is off.
   */
  public static Optional<InvalidConfigException> check(PropertyResolver properties) {
    boolean enabled = properties.getProperty(ENABLED, Boolean.class).orElse(false);
    if (!enabled) {
      return Optional.empty();
    }
    return check(properties.getProperty("hal.mode", String.class).orElse(null),
        properties.getProperty(SERVER_HOST, String.class).orElse(null));
  }

  /** A literal loopback address or {@code localhost}; nothing is resolved. */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || IPV4_LOOPBACK.matcher(h).matches();
  }
}
