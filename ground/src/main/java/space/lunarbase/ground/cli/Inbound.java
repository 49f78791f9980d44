package space.lunarbase.ground.cli;

import java.time.Instant;

/**
 * What the MQTT client's threads hand to the main thread through a queue, so that Paho's callbacks
 * only enqueue and return: decoding, formatting, printing and resubscribing happen on the main thread.
 */
public sealed interface Inbound {

  /** One message as it arrived ({@code qos}: as delivered, at most the subscription's). */
  record Arrival(String topic, byte[] payload, boolean retained, Instant receivedAt, int qos) implements Inbound {}

  /** The connection dropped; Paho is reconnecting. */
  record ConnectionLost(Throwable cause) implements Inbound {}

  /** Paho reconnected (a clean session): the subscription must be made again. */
  record Reconnected(String brokerUrl) implements Inbound {}

  /** Stop watching (Ctrl-C). */
  record Stop() implements Inbound {}
}
