package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The embedded broker a controller starts when no broker URL is configured (developer machines,
 * demos). MQTT 3.1.1 only.
 *
 * @param host the address it listens on; loopback unless you mean to share it
 * @param port the port it prefers
 * @param anyPortIfTaken when {@code port} is taken: take a free port (true) or refuse to start (false)
 */
@ConfigurationProperties("lunarbase.link.embedded")
public record EmbeddedBrokerSettings(String host, int port, boolean anyPortIfTaken) {

  public EmbeddedBrokerSettings {
    if (host == null || host.isBlank()) {
      throw new InvalidConfigException("lunarbase.link.embedded.host", host, "give an address, e.g. 127.0.0.1");
    }
    ConfigRules.range("lunarbase.link.embedded.port", port, 1, 65_535);
  }
}
