package space.lunarbase.fsw.link;

/**
 * What a {@link BrokerPort} reports, called on the MQTT client's threads: implementations only
 * record, queue and wake; they never block or publish.
 */
interface PortEvents {

  /** A connection attempt succeeded. */
  void connected();

  /** A connection attempt failed, with the client's reason. */
  void connectFailed(String reason);

  /** An established connection ended. */
  void lost(Loss loss);

  /** A message arrived (on the client's callback thread; the broker's acknowledgement waits for the return). */
  void message(String topic, byte[] payload, boolean retained);

  /**
   * The broker refused the subscription to {@code topic} (MQTT 5 SUBACK reason {@code reasonCode},
   * e.g. 0x87 not authorized). MQTT 3.1.1 ports cannot tell.
   */
  default void subscriptionRefused(String topic, int reasonCode) {}

  /**
   * The broker acknowledged a QoS 1 publish to {@code topic} but refused it (MQTT 5 PUBACK reason
   * {@code reasonCode}, e.g. 0x87 not authorized by its ACL); {@link #delivered} follows.
   */
  default void publishRefused(String topic, int reasonCode) {}

  /** The broker acknowledged the QoS 1 message published with {@code context}. */
  void delivered(Object context);

  /** The QoS 1 message published with {@code context} was not delivered (connection gone). */
  void notDelivered(Object context);

  /**
   * Why a connection ended.
   *
   * @param reason for a person: the broker's reason or the client's exception
   * @param takenOver the broker said another client took this client id (MQTT 5 reason 0x8E)
   */
  record Loss(String reason, boolean takenOver) {}
}
