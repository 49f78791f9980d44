package space.lunarbase.ground.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import space.lunarbase.wire.Topic;

/**
 * Turns a payload into a message by its topic: {@code /state} is a {@code ControllerState},
 * {@code /tlm/<subsystem>} a {@code TelemetryFrame}, {@code /evt} an {@code Event},
 * {@code /rebirth} a {@code RebirthRequest}; with a {@link WireSchema}: the controller's published
 * one (dynamic messages) or lunarctl's compiled classes. Anything else, and any payload that does
 * not parse cleanly, is {@link Undecodable} with a reason. Protobuf accepts many stray bytes as
 * unknown fields, so a message with unknown fields (at any depth) or without a header is refused
 * too: a sender of that schema never produces either. (A rebirth request, sent by anyone, has no
 * header.)
 */
public final class Decoder {

  private static final String PACKAGE = "lunarbase.v1.";

  /** What became of one payload. */
  public sealed interface Result permits Decoded, Undecodable {}

  /**
   * A message of the schema.
   *
   * @param header its header; null only for a message that has none by design (a rebirth request)
   * @param schema what it was decoded with
   */
  public record Decoded(Topic topic, Message message, Envelope header, WireSchema schema) implements Result {}

  /** Not a message of the schema; {@code reason} says why, for a person. */
  public record Undecodable(String reason) implements Result {}

  /** Decodes {@code payload} received on {@code topic} with lunarctl's compiled classes. Never throws. */
  public Result decode(String topic, byte[] payload) {
    return decode(topic, payload, WireSchema.BUILTIN);
  }

  /** Decodes {@code payload} received on {@code topic} with {@code schema}. Never throws. */
  public Result decode(String topic, byte[] payload, WireSchema schema) {
    Topic name;
    try {
      name = Topic.parse(topic);
    } catch (IllegalArgumentException e) {
      return new Undecodable(e.getMessage());
    }
    return decode(name, payload, schema);
  }

  /** Decodes {@code payload} received on the topic {@code name} with {@code schema}. Never throws. */
  public Result decode(Topic name, byte[] payload, WireSchema schema) {
    String type = switch (name.kind()) {
      case STATE -> "ControllerState";
      case TLM -> "TelemetryFrame";
      case EVT -> "Event";
      case REBIRTH -> "RebirthRequest";
      default -> null;
    };
    if (type == null) {
      return new Undecodable("no decoder for " + name.kind().level() + " messages");
    }
    Message message;
    try {
      message = schema.parse(PACKAGE + type, payload);
    } catch (InvalidProtocolBufferException e) {
      return new Undecodable("not a protobuf message: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return new Undecodable(e.getMessage());
    }
    String unknown = unknownFieldPath(message, type);
    if (unknown != null) {
      return new Undecodable("unknown fields in " + unknown + " (not a " + type + " of " + schema + ")");
    }
    if (name.kind() == Topic.Kind.REBIRTH) {
      return new Decoded(name, message, null, schema);
    }
    if (!Fields.has(message, "header")) {
      return new Undecodable("no header (not a " + type + ")");
    }
    return new Decoded(name, message, Envelope.of(Fields.message(message, "header")), schema);
  }

  /** The path of the first (sub)message that carries unknown fields, or null when none does. */
  private static String unknownFieldPath(Message message, String path) {
    if (!message.getUnknownFields().asMap().isEmpty()) {
      return path;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
      for (Object value : values) {
        String found = unknownFieldPath((Message) value, path + "." + field.getKey().getName());
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
