package space.lunarbase.fsw;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A setting whose value is not of its type ({@code lunarbase.link.keepalive=abc}), as Micronaut
 * reports it when it binds a setting: its message names the key, the value and the target type
 * ("Error resolving property value [k]. Unable to convert value [v] to target type [T]"), wrapped
 * in an injection failure that names only a constructor parameter. This turns it into the line a
 * person at the board needs: the key, the value given and what is allowed.
 *
 * @param key the setting's key
 * @param value the value given
 * @param type the simple name of the type Micronaut tried to convert it to
 */
public record SettingTypeError(String key, String value, String type) {

  private static final Pattern CONVERSION = Pattern.compile(
      "Error resolving property value \\[([^\\]]+)\\]\\. Unable to convert value \\[(.*?)\\] to target type \\[([^\\]]+)\\]");

  /** The first such error a failure's message reports, if it reports one. */
  public static Optional<SettingTypeError> in(String message) {
    if (message == null) {
      return Optional.empty();
    }
    var matcher = CONVERSION.matcher(message);
    return matcher.find()
        ? Optional.of(new SettingTypeError(matcher.group(1), matcher.group(2), matcher.group(3)))
        : Optional.empty();
  }

  /** {@code key='value' is not valid: <what is allowed>}, the shape of every configuration error. */
  public String line() {
    return key + "='" + value + "' is not valid: " + allowed();
  }

  /** What a value of this setting's type looks like. */
  String allowed() {
    String lowerKey = key.toLowerCase(Locale.ROOT);
    return switch (type) {
      case "Duration" -> "use a duration such as 500ms, 30s, 5m or 2h (or ISO-8601, PT30S)";
      case "int", "Integer", "long", "Long", "short", "Short" ->
          lowerKey.endsWith("-bytes") || lowerKey.endsWith("-size")
              ? "use a size in bytes, a whole number such as 65536 or with a unit: 64KB, 4MB, 1GB"
              : "use a whole number";
      case "double", "Double", "float", "Float" -> "use a number such as 1.5";
      case "boolean", "Boolean" -> "use true or false";
      default -> "use a value of type " + type;
    };
  }
}
