package space.lunarbase.fsw.link;

import java.time.Duration;

/**
 * The link's one way to a broker: connect, subscribe, publish, and what comes back through
 * {@link PortEvents}. Two adapters stand behind it: {@link PahoV5Port} (MQTT 5, every configured
 * broker) and {@link PahoV3Port} (MQTT 3.1.1, only the embedded demo broker with
 * {@code hal.mode=sim}). Neither reconnects by itself: the link decides when to try again.
 */
interface BrokerPort extends AutoCloseable {

  /** "MQTT 5" or "MQTT 3.1.1". */
  String protocol();

  /** The client id this port connects with. */
  String clientId();

  /**
   * Starts one connection attempt; its outcome comes as {@link PortEvents#connected} or
   * {@link PortEvents#connectFailed}. Throws if the attempt cannot even start.
   */
  void connect() throws PortException;

  boolean isConnected();

  /**
   * Subscribes to {@code topics} at QoS 1, asking the broker not to send retained messages where
   * the protocol can say so (MQTT 5 retain handling 2). Asynchronous.
   */
  void subscribe(java.util.List<String> topics) throws PortException;

  /**
   * Hands one message to the client. At QoS 1 the broker's acknowledgement comes as
   * {@link PortEvents#delivered(Object)} with {@code context}, a failure as
   * {@link PortEvents#notDelivered(Object)}; at QoS 0 there is no outcome.
   */
  void publish(String topic, byte[] payload, int qos, boolean retained, Object context) throws PortException;

  /** Publishes and waits up to {@code timeout} for the broker's acknowledgement (shutdown only). */
  void publishAndWait(String topic, byte[] payload, int qos, boolean retained, Duration timeout) throws PortException;

  /** A clean disconnect (no last will), waiting up to {@code timeout}. */
  void disconnect(Duration timeout) throws PortException;

  /**
   * How many QoS 1 messages the broker takes in flight at once on this connection (MQTT 5 Receive
   * Maximum); {@link Integer#MAX_VALUE} when it does not say.
   */
  int brokerReceiveMaximum();

  /** The largest packet the broker accepts on this connection; {@link Long#MAX_VALUE} when it does not say. */
  long brokerMaximumPacketSize();

  /** Releases the client; the port cannot be used again. */
  @Override
  void close();

  /** A client call that failed; the message says why. */
  final class PortException extends Exception {
    PortException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
