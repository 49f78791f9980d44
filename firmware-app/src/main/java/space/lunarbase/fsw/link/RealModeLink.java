package space.lunarbase.fsw.link;

import io.micronaut.core.value.PropertyResolver;
import java.util.Locale;
import java.util.Optional;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.InvalidConfigException;

/**
 * What {@code hal.mode=real} demands of the link: the site broker (not the embedded demo broker),
 * over TLS ({@code ssl://}), with a client certificate (no anonymous connection). A board that
 * breaks one of these stops at start with one line naming the setting.
 */
public final class RealModeLink {

  static final String BROKER_URL = "lunarbase.link.broker-url";
  static final String CERT_FILE = "lunarbase.link.tls.cert-file";

  private RealModeLink() {}

  /** The first rule broken by these settings, or empty (always empty unless {@code hal.mode=real}). */
  public static Optional<InvalidConfigException> check(String halMode, String brokerUrl, String certFile) {
    if (!HalSettings.REAL.equals(halMode == null ? null : halMode.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    if (brokerUrl == null || brokerUrl.isBlank()) {
      return Optional.of(new InvalidConfigException(BROKER_URL, null,
          "with hal.mode=real give the site broker (ssl://host:8883); the embedded broker is for hal.mode=sim only"));
    }
    if (!brokerUrl.startsWith("ssl://")) {
      return Optional.of(new InvalidConfigException(BROKER_URL, brokerUrl,
          "with hal.mode=real the broker is reached over TLS: use ssl://host:port with lunarbase.link.tls.ca-file,"
              + " cert-file and key-file"));
    }
    if (certFile == null || certFile.isBlank()) {
      return Optional.of(new InvalidConfigException(CERT_FILE, null,
          "with hal.mode=real the controller connects with its client certificate (no anonymous connection):"
              + " give lunarbase.link.tls.cert-file and key-file"));
    }
    return Optional.empty();
  }

  /** The same check on raw properties, for a start that failed before the link's beans were made. */
  public static Optional<InvalidConfigException> check(PropertyResolver properties) {
    return check(properties.getProperty("hal.mode", String.class).orElse(null),
        properties.getProperty(BROKER_URL, String.class).orElse(null),
        properties.getProperty(CERT_FILE, String.class).orElse(null));
  }
}
