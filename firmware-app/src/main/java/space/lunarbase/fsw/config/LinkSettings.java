package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the controller reaches its MQTT broker.
 *
 * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port}; empty: start an embedded broker
 * @param keepalive MQTT keepalive; the broker declares the controller dead after 1.5 of these
 * @param maxInflight unacknowledged QoS 1 messages in flight at once
 * @param outboxCapacity messages waiting to be published before the oldest is dropped
 * @param reconnectMax the longest wait between two connection attempts
 * @param healthPeriod how often the link publishes its own health on {@code tlm/link}
 */
@ConfigurationProperties("lunarbase.link")
public record LinkSettings(String brokerUrl, Duration keepalive, int maxInflight, int outboxCapacity,
                           Duration reconnectMax, Duration healthPeriod) {

  private static final Pattern URL = Pattern.compile("(tcp|ssl)://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|(tcp|ssl)://\\[[0-9a-fA-F:]+\\](:[0-9]{1,5})?");

  public LinkSettings {
    if (brokerUrl != null && !brokerUrl.isBlank() && !URL.matcher(brokerUrl).matches()) {
      throw new InvalidConfigException("lunarbase.link.broker-url", brokerUrl,
          "use tcp://host:port or ssl://host:port, or leave it empty for the embedded broker");
    }
    ConfigRules.period("lunarbase.link.keepalive", keepalive, Duration.ofSeconds(1), Duration.ofMinutes(10));
    ConfigRules.range("lunarbase.link.max-inflight", maxInflight, 1, 65_535);
    ConfigRules.range("lunarbase.link.outbox-capacity", outboxCapacity, 1, 10_000_000);
    ConfigRules.period("lunarbase.link.reconnect-max", reconnectMax, Duration.ofMillis(100), Duration.ofMinutes(10));
    ConfigRules.period("lunarbase.link.health-period", healthPeriod, Duration.ofMillis(100), Duration.ofHours(1));
  }

  /** The configured broker, or empty when the firmware should bring its own. */
  public Optional<String> broker() {
    return brokerUrl == null || brokerUrl.isBlank() ? Optional.empty() : Optional.of(brokerUrl);
  }
}
