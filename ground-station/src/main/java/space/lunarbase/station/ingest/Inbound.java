package space.lunarbase.station.ingest;

/**
 * One MQTT message as it arrived: its topic and payload, the id and QoS to acknowledge it with once
 * it is archived, whether the broker delivered its retained copy, and when it arrived (UTC µs).
 */
public record Inbound(String topic, byte[] payload, int messageId, int qos, boolean retained, long receivedMicros) {}
