package space.lunarbase.ground.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Turns a payload into a message by its topic: {@code /state} is a {@link ControllerState},
 * {@code /tlm/<subsystem>} a {@link TelemetryFrame}. Anything else, and any payload that does not
 * parse cleanly, is {@link Undecodable} with a reason. Protobuf accepts many stray bytes as unknown
 * fields, so a message with unknown fields (at any depth) or without a header is refused too: a
 * sender of this schema version never produces either.
 */
public final class Decoder {

  /** What became of one payload. */
  public sealed interface Result permits Decoded, Undecodable {}

  /** A message of the schema, with its header. */
  public record Decoded(TopicName topic, Message message, Header header) implements Result {}

  /** Not a message of the schema; {@code reason} says why, for a person. */
  public record Undecodable(String reason) implements Result {}

  /** Decodes {@code payload} received on {@code topic}. Never throws. */
  public Result decode(String topic, byte[] payload) {
    TopicName name;
    try {
      name = TopicName.parse(topic);
    } catch (IllegalArgumentException e) {
      return new Undecodable(e.getMessage());
    }
    try {
      return switch (name.kind()) {
        case STATE -> check(name, ControllerState.parseFrom(payload), ControllerState::hasHeader,
            ControllerState::getHeader);
        case TLM -> check(name, TelemetryFrame.parseFrom(payload), TelemetryFrame::hasHeader,
            TelemetryFrame::getHeader);
        default -> new Undecodable("no decoder for " + name.kind().level() + " messages yet");
      };
    } catch (InvalidProtocolBufferException e) {
      return new Undecodable("not a protobuf message: " + e.getMessage());
    }
  }

  private static <M extends Message> Result check(TopicName name, M message,
      Predicate<M> hasHeader, Function<M, Header> header) {
    String unknown = unknownFieldPath(message, message.getDescriptorForType().getName());
    if (unknown != null) {
      return new Undecodable("unknown fields in " + unknown + " (not a " + message.getDescriptorForType().getName()
          + " of schema v" + Schema.VERSION + ")");
    }
    if (!hasHeader.test(message)) {
      return new Undecodable("no header (not a " + message.getDescriptorForType().getName() + ")");
    }
    return new Decoded(name, message, header.apply(message));
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
