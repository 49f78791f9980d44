package space.lunarbase.ground.cli;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.List;

/**
 * Reads a message's fields by their schema names through protobuf's reflection API, so that the
 * same code prints a compiled message and a {@link com.google.protobuf.DynamicMessage} built from a
 * controller's published schema. A field the message's schema does not have reads as its default
 * (empty, zero, false, an empty list), so a line degrades instead of failing when a schema changes.
 */
final class Fields {

  private Fields() {}

  /** The field named {@code name}, or null when the message's schema has none. */
  static FieldDescriptor field(Message message, String name) {
    return message.getDescriptorForType().findFieldByName(name);
  }

  /** Whether the (singular) field is present: set to a non-default value, or a set submessage. */
  static boolean has(Message message, String name) {
    FieldDescriptor field = field(message, name);
    if (field == null) {
      return false;
    }
    return field.isRepeated() ? message.getRepeatedFieldCount(field) > 0 : message.hasField(field);
  }

  static String string(Message message, String name) {
    return value(message, name) instanceof String text ? text : "";
  }

  static double number(Message message, String name) {
    return value(message, name) instanceof Number number ? number.doubleValue() : 0;
  }

  /** An integer field as text; 64-bit unsigned fields are shown unsigned. */
  static String integer(Message message, String name) {
    FieldDescriptor field = field(message, name);
    if (field == null || !(message.getField(field) instanceof Number number)) {
      return "0";
    }
    boolean unsigned64 = field.getType() == FieldDescriptor.Type.UINT64 || field.getType() == FieldDescriptor.Type.FIXED64;
    return unsigned64 ? Long.toUnsignedString(number.longValue()) : Long.toString(number.longValue());
  }

  static long longValue(Message message, String name) {
    return value(message, name) instanceof Number number ? number.longValue() : 0;
  }

  static boolean bool(Message message, String name) {
    return value(message, name) instanceof Boolean flag && flag;
  }

  /** An enum field's value name without {@code prefix} (e.g. {@code QUALITY_GOOD} → {@code GOOD}); "" when absent. */
  static String enumName(Message message, String name, String prefix) {
    if (!(value(message, name) instanceof EnumValueDescriptor value)) {
      return "";
    }
    return strip(value.getName(), prefix);
  }

  /** A submessage (its default instance when unset), or null when the schema has no such field. */
  static Message message(Message message, String name) {
    return value(message, name) instanceof Message sub ? sub : null;
  }

  /** A repeated field's values (empty when absent). */
  static List<?> list(Message message, String name) {
    FieldDescriptor field = field(message, name);
    return field != null && field.isRepeated() ? (List<?>) message.getField(field) : List.of();
  }

  /** The field set in the oneof named {@code oneof}, or null when none is (or the schema has no such oneof). */
  static FieldDescriptor oneof(Message message, String oneof) {
    for (OneofDescriptor candidate : message.getDescriptorForType().getOneofs()) {
      if (candidate.getName().equals(oneof)) {
        return message.getOneofFieldDescriptor(candidate);
      }
    }
    return null;
  }

  static String strip(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  private static Object value(Message message, String name) {
    FieldDescriptor field = field(message, name);
    return field == null || field.isRepeated() ? null : message.getField(field);
  }
}
