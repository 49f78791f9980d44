package space.lunarbase.fsw.sim;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.EmbeddedBrokerSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.link.LocalBroker;

/**
 * A Moquette MQTT 3.1.1 broker inside the firmware's process, for machines with no site broker
 * (development, demos). No persistence, no telemetry to Moquette's authors, no websocket listener.
 *
 * <p>It refuses any packet larger than the link's maximum packet size
 * ({@code lunarbase.link.max-packet-size}): MQTT 3.1.1 cannot tell a broker what a client takes,
 * so this limit is what keeps an oversize publish on {@code cmd} from ever being allocated by the
 * controller's MQTT client (Moquette reads only the packet's length, then closes the sender's
 * connection). The limit applies to the controller's own publishes too, as it does with MQTT 5.
 */
public final class EmbeddedBroker implements LocalBroker {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private final Server server = new Server();
  private final String host;
  private final int port;
  private final String note;
  private final int maxPacketBytes;

  private EmbeddedBroker(String host, int port, String note, int maxPacketBytes) {
    this.host = host;
    this.port = port;
    this.note = note;
    this.maxPacketBytes = maxPacketBytes;
  }

  /**
   * Starts on the preferred port, or on a free one if it is taken and that is allowed, refusing
   * packets larger than {@code maxPacketBytes}.
   */
  public static EmbeddedBroker start(EmbeddedBrokerSettings settings, int maxPacketBytes) {
    int port = settings.port();
    String note = "";
    if (!isFree(settings.host(), port)) {
      if (!settings.anyPortIfTaken()) {
        throw new InvalidConfigException("lunarbase.link.embedded.port", String.valueOf(port),
            "port is already in use on " + settings.host()
                + "; choose another with --lunarbase.link.embedded.port=N or set lunarbase.link.broker-url");
      }
      int preferred = port;
      port = freePort(settings.host());
      note = "port " + preferred + " was taken";
    }
    EmbeddedBroker broker = new EmbeddedBroker(settings.host(), port, note, maxPacketBytes);
    broker.startServer();
    return broker;
  }


  private void startServer() {
    Properties properties = new Properties();
    properties.setProperty(IConfig.HOST_PROPERTY_NAME, host);
    properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
    properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
    properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
    properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
    // mosquitto_sub and mosquitto_pub (2.x) connect with an empty client id and let the broker name them
    properties.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
    properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    properties.setProperty(BrokerConstants.NETTY_EPOLL_PROPERTY_NAME, "false");
    // Moquette (netty's MQTT decoder) drops the connection of a client that sends a packet whose
    // remaining length is above this, before reading its body. Its default, 8092 bytes, is below
    // the retained schema (a FileDescriptorSet, over 12 kB), a bank frame with its 1 kHz batches
    // and a seq.LOAD command (up to 16 KiB); the link's maximum packet size is above all of them.
    properties.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(maxPacketBytes));
    try {
      server.startServer(new MemoryConfig(properties));
    } catch (IOException e) {
      throw new UncheckedIOException("embedded broker did not start on " + host + ":" + port, e);
    }
    LOG.info("embedded MQTT broker listening on {}:{}", host, port);
  }

  @Override
  public String url() {
    return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The largest packet this broker accepts, bytes. */
  public int maxPacketBytes() {
    return maxPacketBytes;
  }

  @Override
  public String note() {
    return note;
  }

  @Override
  public void close() {
    server.stopServer();
  }

  private static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host + " for the embedded broker", e);
    }
  }
}
