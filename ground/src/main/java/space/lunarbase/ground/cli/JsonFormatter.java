package space.lunarbase.ground.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.SequenceTracker.Gap;
import space.lunarbase.ground.cli.SequenceTracker.Marker;
import space.lunarbase.ground.cli.SequenceTracker.OutOfOrder;
import space.lunarbase.ground.cli.SequenceTracker.Reboot;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.wire.Topic;

/**
 * One JSON object per line, for {@code jq} and scripts. A message is
 * {@code {"topic":…,"retained":…,"message":{…}}} with the message in protobuf's canonical JSON
 * (camelCase names, 64-bit integers as strings, fields at their default value left out); a payload
 * that does not decode is {@code {"topic":…,"retained":…,"bytes":N,"error":…}}; a marker is
 * {@code {"marker":"gap"|"reboot"|"out-of-order",…}}; a controller's new schema is
 * {@code {"topic":…,"retained":…,"schema":{"hash":…,"files":N,"messageTypes":N}}}.
 */
public final class JsonFormatter implements LineFormatter {

  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

  @Override
  public String message(Arrival arrival, Decoded decoded) {
    String message;
    try {
      message = printer.print(decoded.message());
    } catch (InvalidProtocolBufferException e) {
      return undecodable(arrival, "cannot print as JSON: " + e.getMessage());
    }
    return "{\"topic\":" + quote(arrival.topic()) + ",\"retained\":" + arrival.retained() + ",\"message\":" + message
        + "}";
  }

  @Override
  public String schema(Arrival arrival, Topic topic, WireSchema schema) {
    return "{\"topic\":" + quote(arrival.topic()) + ",\"retained\":" + arrival.retained() + ",\"schema\":{\"hash\":"
        + quote(schema.hash()) + ",\"files\":" + schema.files() + ",\"messageTypes\":" + schema.messageTypes() + "}}";
  }

  @Override
  public String dictionary(Arrival arrival, Topic topic, Dictionary dictionary) {
    return "{\"topic\":" + quote(arrival.topic()) + ",\"retained\":" + arrival.retained() + ",\"dictionary\":{\"version\":"
        + dictionary.getVersion() + ",\"commands\":" + dictionary.getCommandsCount() + ",\"channels\":"
        + dictionary.getChannelsCount() + ",\"events\":" + dictionary.getEventsCount() + ",\"parameters\":"
        + dictionary.getParametersCount() + "}}";
  }

  @Override
  public String undecodable(Arrival arrival, String reason) {
    return "{\"topic\":" + quote(arrival.topic()) + ",\"retained\":" + arrival.retained() + ",\"bytes\":"
        + arrival.payload().length + ",\"error\":" + quote(reason) + "}";
  }

  @Override
  public String marker(Marker marker) {
    return switch (marker) {
      case Gap gap -> "{\"marker\":\"gap\",\"topic\":%s,\"expected\":%d,\"got\":%d,\"lost\":%d}"
          .formatted(quote(gap.topic()), gap.expected(), gap.got(), gap.lost());
      case Reboot reboot -> "{\"marker\":\"reboot\",\"controller\":%s,\"fromBoot\":%d,\"toBoot\":%d}"
          .formatted(quote(reboot.controller()), reboot.fromBoot(), reboot.toBoot());
      case OutOfOrder late -> "{\"marker\":\"out-of-order\",\"topic\":%s,\"got\":%d,\"last\":%d}"
          .formatted(quote(late.topic()), late.got(), late.last());
    };
  }

  /** A JSON string literal of {@code text}. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
