/**
 * The MQTT link, the firmware's outer shell: {@link MqttLink} (Paho, MQTT 3.1.1) owns one thread
 * that connects and reconnects, publishes the retained birth and schema after every connection,
 * drains the core's outbox, journals what cannot be sent and replays it marked historical
 * ({@link HistoricalMark}); the topic tree ({@link space.lunarbase.wire.Topics}); birth and death
 * ({@link ControllerStates}); rebirth requests; the link's health on {@code tlm/link} and
 * {@code /health}; the broker to use ({@link BrokerService}: the configured one, or on a simulated
 * board the {@link LocalBroker} that the simulated wiring starts). Nothing in {@code core} or
 * {@code app} depends on it.
 */
package space.lunarbase.fsw.link;
