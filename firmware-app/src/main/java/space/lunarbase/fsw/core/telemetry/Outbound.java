package space.lunarbase.fsw.core.telemetry;

/**
 * One message the core hands to the link: which stream of this controller it belongs to
 * (e.g. {@code tlm/bank}, {@code state}), its serialized protobuf bytes, and how to deliver it.
 *
 * @param stream the topic below {@code lunarbase/v1/{site}/{controller}/}
 * @param payload serialized protobuf; never modified after hand-off
 * @param qos 0 or 1
 * @param retained whether the broker keeps it for late subscribers
 */
public record Outbound(String stream, byte[] payload, int qos, boolean retained) {

  public Outbound {
    if (stream == null || stream.isEmpty() || stream.startsWith("/") || stream.contains("+") || stream.contains("#")) {
      throw new IllegalArgumentException("bad stream name: " + stream);
    }
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
  }
}
