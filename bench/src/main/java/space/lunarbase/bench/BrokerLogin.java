package space.lunarbase.bench;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;
import space.lunarbase.wire.TlsFiles;

/**
 * How one benchmark client reaches its broker: the URL, its client id, and TLS or a username and
 * password when the broker asks for them.
 *
 * @param url {@code tcp://} or {@code ssl://}
 * @param clientId the MQTT client id (a certificate's CN over TLS, as every client of ours uses)
 * @param sockets TLS sockets for {@code ssl://}
 * @param username the MQTT username, if any
 * @param password the MQTT password, if any
 */
record BrokerLogin(String url, String clientId, Optional<SSLSocketFactory> sockets, Optional<String> username,
                   Optional<String> password) {

  /** An anonymous client of a plain broker, with a fresh client id starting {@code prefix}. */
  static BrokerLogin anonymous(String url, String prefix) {
    return new BrokerLogin(url, prefix + UUID.randomUUID(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A site identity over TLS: its certificate, its CN as the client id. */
  static BrokerLogin tls(String url, TlsFiles files) {
    return new BrokerLogin(url, files.identity().orElseThrow(() -> new IllegalArgumentException(
        "no client certificate in " + files)), Optional.of(files.socketFactory()), Optional.empty(), Optional.empty());
  }

  /** A username and password on a plain listener, with client id {@code clientId}. */
  static BrokerLogin password(String url, String clientId, String username, String password) {
    return new BrokerLogin(url, clientId, Optional.empty(), Optional.of(username), Optional.of(password));
  }

  /** The password's bytes, as MQTT 5 carries them. */
  Optional<byte[]> passwordBytes() {
    return password.map(p -> p.getBytes(StandardCharsets.UTF_8));
  }
}
