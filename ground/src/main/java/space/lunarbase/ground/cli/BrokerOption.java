package space.lunarbase.ground.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import space.lunarbase.wire.TlsFiles;

/**
 * How every lunarctl command that talks to a broker reaches it (a picocli mixin): {@code --broker
 * URL}, and for a secure site broker {@code --ca}, {@code --cert}, {@code --cert-key} (PEM files,
 * {@link TlsFiles}), {@code --username} and {@code --password-file}. Each falls back to an
 * environment variable ({@code LUNARBASE_BROKER}, {@code LUNARBASE_CA}, {@code LUNARBASE_CERT},
 * {@code LUNARBASE_CERT_KEY}, {@code LUNARBASE_USERNAME}, {@code LUNARBASE_PASSWORD_FILE}); a
 * password is only ever read from a file. Prints as its URL.
 */
public final class BrokerOption {

  /** The broker of {@code ./run-sim}'s embedded broker, when nothing else is given. */
  static final String DEFAULT_URL = "tcp://127.0.0.1:1883";

  @Option(names = "--broker", paramLabel = "URL",
      description = "Broker URL, tcp://host:port or ssl://host:port (default: $LUNARBASE_BROKER, else " + DEFAULT_URL
          + ").")
  private String url;

  @Option(names = "--ca", paramLabel = "FILE",
      description = "ssl://: the site CA's certificate (PEM), the only one trusted for the broker (default: $LUNARBASE_CA).")
  private Path ca;

  @Option(names = "--cert", paramLabel = "FILE",
      description = "ssl://: this client's certificate (PEM); its CN is the identity and the client id"
          + " (default: $LUNARBASE_CERT).")
  private Path cert;

  @Option(names = "--cert-key", paramLabel = "FILE",
      description = "ssl://: the private key of --cert (unencrypted PKCS#8 PEM) (default: $LUNARBASE_CERT_KEY).")
  private Path certKey;

  @Option(names = "--username", paramLabel = "NAME", description = "MQTT username (default: $LUNARBASE_USERNAME).")
  private String username;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "A file whose first line is the MQTT password of --username (default: $LUNARBASE_PASSWORD_FILE).")
  private Path passwordFile;

  /**
   * What to connect with: the options, else the process's environment.
   *
   * @throws IllegalArgumentException for a combination that cannot work, for a person
   */
  BrokerSettings settings() {
    return settings(System.getenv());
  }

  /** As {@link #settings()}, with {@code env} as the environment. */
  BrokerSettings settings(Map<String, String> env) {
    String brokerUrl = or(url, env, "LUNARBASE_BROKER").orElse(DEFAULT_URL);
    Optional<Path> caFile = or(ca, env, "LUNARBASE_CA");
    Optional<Path> certFile = or(cert, env, "LUNARBASE_CERT");
    Optional<Path> keyFile = or(certKey, env, "LUNARBASE_CERT_KEY");
    Optional<String> user = or(username, env, "LUNARBASE_USERNAME");
    Optional<Path> password = or(passwordFile, env, "LUNARBASE_PASSWORD_FILE");
    boolean ssl = brokerUrl.startsWith("ssl://");
    if (!ssl) {
      if (ca != null || cert != null || certKey != null) {
        throw usage("--ca, --cert and --cert-key are for a TLS broker: use an ssl:// URL, not " + brokerUrl);
      }
      caFile = Optional.empty(); // a site console's LUNARBASE_CA... do not stop a plain broker
      certFile = Optional.empty();
      keyFile = Optional.empty();
    }
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw usage("--cert and --cert-key go together (or LUNARBASE_CERT and LUNARBASE_CERT_KEY): got only "
          + (certFile.isPresent() ? "the certificate" : "the key"));
    }
    if (ssl && caFile.isEmpty()) {
      throw usage("an ssl:// broker needs --ca FILE (or LUNARBASE_CA): the site CA's certificate, to check the"
          + " broker's");
    }
    if (password.isPresent() && user.isEmpty()) {
      throw usage("--password-file needs --username (or LUNARBASE_USERNAME)");
    }
    Optional<TlsFiles> tls = caFile.isEmpty() ? Optional.empty()
        : Optional.of(new TlsFiles(caFile.get(), certFile, keyFile));
    return new BrokerSettings(brokerUrl, tls, user, password);
  }

  /** The broker's URL as given (or from the environment), e.g. {@code tcp://127.0.0.1:1883}. */
  public String url() {
    return or(url, System.getenv(), "LUNARBASE_BROKER").orElse(DEFAULT_URL);
  }

  private static Optional<String> or(String given, Map<String, String> env, String variable) {
    if (given != null) {
      return Optional.of(given);
    }
    String value = env.get(variable);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static Optional<Path> or(Path given, Map<String, String> env, String variable) {
    return given != null ? Optional.of(given) : or((String) null, env, variable).map(Path::of);
  }

  private static IllegalArgumentException usage(String message) {
    return new IllegalArgumentException(message);
  }

  @Override
  public String toString() {
    return url();
  }
}
