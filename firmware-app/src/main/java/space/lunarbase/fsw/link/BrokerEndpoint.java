package space.lunarbase.fsw.link;

/**
 * The broker the link connects to, as resolved at start.
 *
 * @param url the Paho server URI
 * @param embedded whether it is the embedded demo broker (Moquette, MQTT 3.1.1, so the link speaks
 *     MQTT 3.1.1 to it): this process's own, or another one's on this machine (a fleet of simulated
 *     controllers against {@code ./run-sim}'s)
 * @param note for a person: e.g. why the embedded broker is not on its preferred port; may be empty
 */
public record BrokerEndpoint(String url, boolean embedded, String note) {}
