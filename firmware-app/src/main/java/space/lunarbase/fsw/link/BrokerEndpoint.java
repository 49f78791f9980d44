package space.lunarbase.fsw.link;

/**
 * The broker the link connects to, as resolved at start.
 *
 * @param url the Paho server URI
 * @param embedded whether this process runs the broker itself
 * @param note for a person: e.g. why the embedded broker is not on its preferred port; may be empty
 */
public record BrokerEndpoint(String url, boolean embedded, String note) {}
