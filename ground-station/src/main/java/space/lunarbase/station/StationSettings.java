package space.lunarbase.station;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import space.lunarbase.wire.TlsFiles;

/**
 * The ground station's settings ({@code lunarbase.station.*}; defaults and their meaning in
 * {@code application.yml}). Checked at start: a bad value stops it with one line naming the key.
 *
 * @param brokerUrl the site broker, {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId the MQTT client id of the station's persistent session (the certificate's name
 *     replaces it on a secure site)
 * @param topicRoot the tree subscribed to, e.g. {@code lunarbase/v1}
 * @param dataDir where the archive lives
 * @param rawRetention how long raw samples are kept (whole days; 0 keeps them for ever)
 * @param rollupRetention how long the per-second rollup is kept (0 for ever)
 * @param compactAfter raw partitions older than this are rewritten as compressed Parquet
 * @param maintenancePeriod how often retention and compaction run
 * @param tls the TLS files, when the site broker wants TLS
 */
@ConfigurationProperties("lunarbase.station")
public record StationSettings(String brokerUrl, String clientId, String topicRoot, String dataDir,
    Duration rawRetention, Duration rollupRetention, Duration compactAfter, Duration maintenancePeriod,
    Tls tls) {

  public StationSettings {
    if (brokerUrl == null || !brokerUrl.matches("(tcp|ssl)://[^/\\s]+:\\d+")) {
      throw new BadSetting("lunarbase.station.broker-url", brokerUrl, "give tcp://host:port or ssl://host:port");
    }
    if (clientId == null || clientId.isBlank() || clientId.length() > 23 && !clientId.matches("[A-Za-z0-9._-]+")) {
      throw new BadSetting("lunarbase.station.client-id", clientId, "give a client id of letters, digits, '.', '_' or '-'");
    }
    if (topicRoot == null || topicRoot.isBlank() || topicRoot.contains("#") || topicRoot.contains("+")
        || topicRoot.endsWith("/")) {
      throw new BadSetting("lunarbase.station.topic-root", topicRoot, "give a topic prefix without wildcards, e.g. lunarbase/v1");
    }
    if (dataDir == null || dataDir.isBlank()) {
      throw new BadSetting("lunarbase.station.data-dir", dataDir, "give a writable folder");
    }
    rawRetention = nonNegative("lunarbase.station.raw-retention", rawRetention);
    rollupRetention = nonNegative("lunarbase.station.rollup-retention", rollupRetention);
    compactAfter = nonNegative("lunarbase.station.compact-after", compactAfter);
    if (maintenancePeriod == null || maintenancePeriod.toSeconds() < 1) {
      throw new BadSetting("lunarbase.station.maintenance-period", maintenancePeriod, "give at least 1s");
    }
    if (tls == null) {
      tls = new Tls(null, null, null);
    }
  }

  private static Duration nonNegative(String key, Duration value) {
    if (value == null || value.isNegative()) {
      throw new BadSetting(key, value, "give a duration of 0 or more, e.g. 7d");
    }
    return value;
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }

  /**
   * The TLS files ({@code lunarbase.station.tls.*}); all empty for a plain TCP broker.
   *
   * @param caFile the site CA's certificate
   * @param certFile the station's certificate (its CN becomes the client id)
   * @param keyFile its private key
   */
  @ConfigurationProperties("tls")
  public record Tls(String caFile, String certFile, String keyFile) {
    /** The files, when a CA is given. */
    public Optional<TlsFiles> files() {
      if (caFile == null || caFile.isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new TlsFiles(Path.of(caFile), optional(certFile), optional(keyFile)));
    }

    private static Optional<Path> optional(String file) {
      return file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }
  }

  /** A setting that cannot be used: the message names the key, the value and what to give instead. */
  public static final class BadSetting extends RuntimeException {
    public BadSetting(String key, Object value, String hint) {
      super(key + "='" + value + "' is not valid: " + hint);
    }
  }
}
