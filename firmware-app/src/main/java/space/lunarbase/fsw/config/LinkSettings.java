package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.convert.format.ReadableBytes;
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
 * @param maxPacketSize the largest MQTT packet, in bytes, either way: announced to the broker (MQTT 5
 *     Maximum Packet Size; the embedded broker's own limit), and the largest the link sends
 * @param receiveMaximum QoS 1 messages the broker may have in flight towards the controller at once
 * @param probePeriod how often the link sends itself a probe through the broker
 * @param receiveTimeout connected with nothing received (not even the probe) for this long: the
 *     receive path is dead, the link FAILED and {@code /health} DOWN until a restart
 * @param takeoverBackoffMin the first wait after another client took this controller's client id
 * @param takeoverBackoffMax the longest such wait (it doubles at each takeover)
 * @param username the MQTT username; empty for none (a certificate names the client on a site)
 * @param passwordFile a file holding the MQTT password (first line); empty for none
 */
@ConfigurationProperties("lunarbase.link")
public record LinkSettings(String brokerUrl, Duration keepalive, int maxInflight, int outboxCapacity,
                           Duration reconnectMax, Duration healthPeriod, @ReadableBytes int maxPacketSize, int receiveMaximum,
                           Duration probePeriod, Duration receiveTimeout, Duration takeoverBackoffMin,
                           Duration takeoverBackoffMax, String username, String passwordFile) {

  /** The least maximum packet size: a command (16 KiB) with its topic and MQTT headers must fit. */
  public static final int MIN_PACKET_SIZE = 20 * 1024;

  private static final Pattern URL = Pattern.compile("(tcp|ssl)://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|(tcp|ssl)://\\[[0-9a-fA-F:]+\\](:[0-9]{1,5})?");

  @Creator
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
    ConfigRules.range("lunarbase.link.max-packet-size", maxPacketSize, MIN_PACKET_SIZE, 256 * 1024 * 1024);
    ConfigRules.range("lunarbase.link.receive-maximum", receiveMaximum, 1, 65_535);
    ConfigRules.period("lunarbase.link.probe-period", probePeriod, Duration.ofMillis(100), Duration.ofMinutes(10));
    ConfigRules.period("lunarbase.link.receive-timeout", receiveTimeout, probePeriod.multipliedBy(3),
        Duration.ofHours(1));
    ConfigRules.period("lunarbase.link.takeover-backoff-min", takeoverBackoffMin, Duration.ofMillis(100),
        Duration.ofHours(1));
    ConfigRules.period("lunarbase.link.takeover-backoff-max", takeoverBackoffMax, takeoverBackoffMin,
        Duration.ofHours(24));
  }

  /**
   * The first six settings, with the defaults of {@code application.yml} for the rest: for tests and
   * tools that only need an outbox's or a link's basics.
   */
  public LinkSettings(String brokerUrl, Duration keepalive, int maxInflight, int outboxCapacity,
                      Duration reconnectMax, Duration healthPeriod) {
    this(brokerUrl, keepalive, maxInflight, outboxCapacity, reconnectMax, healthPeriod, 64 * 1024, 10,
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(5), "", "");
  }

  /** The configured broker, or empty when the firmware should bring its own. */
  public Optional<String> broker() {
    return brokerUrl == null || brokerUrl.isBlank() ? Optional.empty() : Optional.of(brokerUrl);
  }

  /** Whether the configured broker is reached over TLS ({@code ssl://}). */
  public boolean tls() {
    return broker().map(url -> url.startsWith("ssl://")).orElse(false);
  }

  /** The MQTT username, if one is set. */
  public Optional<String> user() {
    return username == null || username.isBlank() ? Optional.empty() : Optional.of(username);
  }

  /** The password file, if one is set. */
  public Optional<String> password() {
    return passwordFile == null || passwordFile.isBlank() ? Optional.empty() : Optional.of(passwordFile);
  }
}
