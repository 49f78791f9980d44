package space.lunarbase.fsw.link;

import java.time.Duration;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * What a {@link BrokerPort} connects with, the same for either protocol.
 *
 * @param url the broker, {@code tcp://} or {@code ssl://}
 * @param clientId the MQTT client id (the certificate's CN when there is a certificate)
 * @param keepalive the MQTT keepalive
 * @param maxPacketSize the largest packet the controller takes (MQTT 5 Maximum Packet Size)
 * @param receiveMaximum QoS 1 messages the broker may have in flight towards the controller (MQTT 5)
 * @param maxInflight the link's own window of unacknowledged QoS 1 messages
 * @param willTopic the topic of the last will (the controller's state)
 * @param will the last will's payload: OFFLINE, "connection lost"; QoS 1, retained
 * @param socketFactory TLS sockets for {@code ssl://}; empty for plain TCP
 * @param username the MQTT username, if any
 * @param password the MQTT password, if any
 */
record PortSettings(String url, String clientId, Duration keepalive, int maxPacketSize, int receiveMaximum,
                    int maxInflight, String willTopic, byte[] will, Optional<SocketFactory> socketFactory,
                    Optional<String> username, Optional<byte[]> password) {

  /** Seconds to wait for a connection to be made. */
  static final int CONNECT_TIMEOUT_S = 10;

  int keepaliveSeconds() {
    return (int) Math.max(1, keepalive.toSeconds());
  }
}
