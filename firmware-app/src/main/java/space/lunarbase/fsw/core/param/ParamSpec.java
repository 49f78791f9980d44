package space.lunarbase.fsw.core.param;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.ArgSpec.ArgType;
import space.lunarbase.proto.v1.Value;

/**
 * The declaration of one parameter: a value an operator tunes in flight, kept across restarts.
 * Its kind, unit and limits are an {@link ArgSpec} (the same judge as command arguments); its
 * default comes from configuration, {@link #configKey()}.
 *
 * @param name {@code subsystem.name}, e.g. {@code bank.charge-current-limit-a}
 * @param summary one line for people and docs
 * @param value kind, unit and limits; a text parameter must list its allowed values
 * @param interlock read by an interlock, so protected: only a range-safety key sets it, only while
 *     the rail is SAFE ({@link ParameterGate}), and only to a value passing its {@link CrossCheck}s
 */
public record ParamSpec(String name, String summary, ArgSpec value, boolean interlock) {

  static final Pattern NAME = Pattern.compile("[a-z]+\\.[a-z][a-z0-9-]*");

  public ParamSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("parameter name must be subsystem.name-in-kebab-case, was " + name);
    }
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(value, "value");
    if (!value.name().equals(name)) {
      throw new IllegalArgumentException(name + ": its ArgSpec must carry the same name, was " + value.name());
    }
    if (value.type() == ArgType.DATA) {
      throw new IllegalArgumentException(name + ": a parameter is a number, integer, flag or text, not data");
    }
    if (value.type() == ArgType.TEXT && value.choices().isEmpty()) {
      throw new IllegalArgumentException(name + ": a text parameter lists its allowed values");
    }
  }

  /** An ordinary parameter (not read by an interlock). */
  public ParamSpec(String name, String summary, ArgSpec value) {
    this(name, summary, value, false);
  }

  /** This parameter, declared as read by an interlock: protected. */
  public ParamSpec readByInterlock() {
    return new ParamSpec(name, summary, value, true);
  }

  /** A finite number in {@code min..max} (inclusive), in {@code unit}. */
  public static ParamSpec number(String name, String unit, double min, double max, String summary) {
    return new ParamSpec(name, summary, ArgSpec.number(name, unit, min, max));
  }

  /** A whole number in {@code min..max} (inclusive). */
  public static ParamSpec integer(String name, String unit, long min, long max, String summary) {
    return new ParamSpec(name, summary, ArgSpec.integer(name, unit, min, max));
  }

  public static ParamSpec flag(String name, String summary) {
    return new ParamSpec(name, summary, ArgSpec.flag(name));
  }

  /** One of {@code choices}. */
  public static ParamSpec text(String name, List<String> choices, String summary) {
    return new ParamSpec(name, summary, ArgSpec.text(name, choices));
  }

  /** The subsystem: the part before the dot. */
  public String subsystem() {
    return name.substring(0, name.indexOf('.'));
  }

  /** Where its default is configured: {@code lunarbase.parameters.<subsystem>.<name>}. */
  public String configKey() {
    return "lunarbase.parameters." + name;
  }

  public ArgType type() {
    return value.type();
  }

  /** The Java type configuration is read as. */
  Class<?> configType() {
    return switch (value.type()) {
      case NUMBER -> Double.class;
      case INTEGER -> Long.class;
      case FLAG -> Boolean.class;
      case TEXT -> String.class;
      case DATA -> throw new IllegalStateException("no data parameters");
    };
  }

  /** {@code configured} (of {@link #configType()}) as a Value. */
  Value toValue(Object configured) {
    return switch (value.type()) {
      case NUMBER -> Value.newBuilder().setNumber((Double) configured).build();
      case INTEGER -> Value.newBuilder().setInteger((Long) configured).build();
      case FLAG -> Value.newBuilder().setFlag((Boolean) configured).build();
      case TEXT -> Value.newBuilder().setText((String) configured).build();
      case DATA -> throw new IllegalStateException("no data parameters");
    };
  }

  /** Reads {@code text} (as written by {@link #format}) as this parameter's kind; does not check limits. */
  Value parse(String text) {
    String t = text.strip();
    try {
      return switch (value.type()) {
        case NUMBER -> Value.newBuilder().setNumber(Double.parseDouble(t)).build();
        case INTEGER -> Value.newBuilder().setInteger(Long.parseLong(t)).build();
        case FLAG -> switch (t) {
          case "true" -> Value.newBuilder().setFlag(true).build();
          case "false" -> Value.newBuilder().setFlag(false).build();
          default -> throw new IllegalArgumentException(name + " is a flag: true or false, was '" + printable(t) + "'");
        };
        case TEXT -> Value.newBuilder().setText(t).build();
        case DATA -> throw new IllegalStateException("no data parameters");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is " + (value.type() == ArgType.NUMBER ? "a number" : "an integer")
          + ", was '" + printable(t) + "'");
    }
  }

  /** Empty if {@code v} is acceptable; else why not, for a person. */
  Optional<String> check(Value v) {
    return value.check(v).map(r -> r.text().replaceFirst("^argument ", "parameter "));
  }

  /** The value as text: numbers round-trip exactly. */
  static String format(Value v) {
    return switch (v.getKindCase()) {
      case NUMBER -> Double.toString(v.getNumber());
      case INTEGER -> Long.toString(v.getInteger());
      case FLAG -> Boolean.toString(v.getFlag());
      case TEXT -> v.getText();
      case DATA -> v.getData().size() + " bytes";
      case KIND_NOT_SET -> "";
    };
  }

  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
