package space.lunarbase.hil.rig;

import java.util.Optional;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import space.lunarbase.wire.TlsFiles;

/**
 * How one of the rig's own MQTT clients (observer, operator) reaches the broker: its URL, and on a
 * secure broker ({@code ssl://}) the TLS files of that client's identity, whose certificate CN is
 * then its client id (the site broker takes it as username and client id anyway).
 *
 * @param url {@code tcp://...} or {@code ssl://...}
 * @param tls the client's files; present exactly for {@code ssl://}
 */
public record BrokerEndpoint(String url, Optional<TlsFiles> tls) {

  public BrokerEndpoint {
    if (url.startsWith("ssl://") != tls.isPresent()) {
      throw new IllegalArgumentException("an ssl:// broker goes with TLS files, a tcp:// one without: " + url
          + (tls.isPresent() ? " with " + tls.get() : " without"));
    }
  }

  /** A plain broker. */
  public static BrokerEndpoint plain(String url) {
    return new BrokerEndpoint(url, Optional.empty());
  }

  /** A secure broker, reached with {@code files}. */
  public static BrokerEndpoint secure(String url, TlsFiles files) {
    return new BrokerEndpoint(url, Optional.of(files));
  }

  /** A client of this endpoint: the certificate's CN as client id, else {@code fallbackPrefix} and a random suffix. */
  MqttClient client(String fallbackPrefix) throws MqttException {
    String id = tls.flatMap(TlsFiles::identity).orElseGet(() -> fallbackPrefix + UUID.randomUUID());
    return new MqttClient(url, id, new MemoryPersistence());
  }

  /** Connect options with this endpoint's TLS (the broker's certificate checked against the CA, its host name too). */
  MqttConnectOptions options() {
    MqttConnectOptions options = new MqttConnectOptions();
    tls.ifPresent(files -> {
      options.setSocketFactory(files.socketFactory());
      options.setHttpsHostnameVerificationEnabled(true);
    });
    return options;
  }

  @Override
  public String toString() {
    return url + tls.flatMap(TlsFiles::identity).map(cn -> " as " + cn).orElse("");
  }
}
