package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The TLS files of the controller's MQTT connection ({@code lunarbase.link.tls.*}), used with an
 * {@code ssl://} broker URL: the site CA's certificate (the only one trusted for the broker), and
 * the controller's own certificate and unencrypted PKCS#8 key, whose CN becomes the MQTT client id.
 * Each empty when not given.
 *
 * @param caFile PEM certificate(s) of the CA that signed the broker's certificate
 * @param certFile the controller's PEM certificate (CN {@code {site}.{controller}} on a site)
 * @param keyFile the controller's private key, {@code -----BEGIN PRIVATE KEY-----}
 */
@ConfigurationProperties("lunarbase.link.tls")
public record LinkTlsSettings(String caFile, String certFile, String keyFile) {

  /** The CA file, if given. */
  public Optional<Path> ca() {
    return path(caFile);
  }

  /** The client certificate, if given. */
  public Optional<Path> cert() {
    return path(certFile);
  }

  /** The client key, if given. */
  public Optional<Path> key() {
    return path(keyFile);
  }

  private static Optional<Path> path(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }
}
