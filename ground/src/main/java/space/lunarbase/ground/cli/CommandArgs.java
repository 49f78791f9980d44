package space.lunarbase.ground.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import space.lunarbase.proto.v1.Value;

/**
 * The arguments of {@code lunarctl send}, {@code name=value} or {@code name:kind=value}, as the
 * typed {@code Value}s of a {@code CommandBody}. lunarctl does not know the commands'
 * declarations, so the kind is spelled out or inferred from the text alone:
 *
 * <ul>
 *   <li>{@code name:number=2}, {@code name:int=3} (or {@code :integer}), {@code name:bool=true}
 *       (or {@code :flag}), {@code name:text=abc}: exactly that kind;
 *   <li>{@code name=value}: {@code true}/{@code false} is a flag, digits with an optional sign
 *       ({@code 3}, {@code -12}) an integer, a decimal with a point or an exponent ({@code 2.5},
 *       {@code 2.}, {@code 1e3}) a number, anything else text.
 * </ul>
 *
 * So {@code amps=2} is an integer, which a command declaring a number rejects (BAD_ARGUMENT):
 * write {@code amps=2.0} or {@code amps:number=2}. Numbers are finite decimals only (no NaN,
 * Infinity or hex).
 */
final class CommandArgs {

  /** The kind of a value, as the proto's oneof names it (DATA is never written on a command line). */
  enum Kind {
    NUMBER, INTEGER, FLAG, TEXT, DATA;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One parsed argument; {@code inferred} when the kind was not spelled out. */
  record Arg(String name, Value value, Kind kind, boolean inferred, String given) {}

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");
  static final Map<String, Kind> KINDS = Map.of("number", Kind.NUMBER, "int", Kind.INTEGER,
      "integer", Kind.INTEGER, "bool", Kind.FLAG, "flag", Kind.FLAG, "text", Kind.TEXT);

  private CommandArgs() {}

  /**
   * Parses every argument in order.
   *
   * @throws IllegalArgumentException naming the argument and what is wrong with it
   */
  static Map<String, Arg> parse(List<String> texts) {
    Map<String, Arg> args = new LinkedHashMap<>();
    for (String text : texts) {
      Arg arg = parse(text);
      if (args.putIfAbsent(arg.name(), arg) != null) {
        throw new IllegalArgumentException("'" + text + "': argument '" + arg.name() + "' is given twice");
      }
    }
    return args;
  }

  /** Parses one {@code name[:kind]=value}. */
  static Arg parse(String text) {
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("'" + text + "' is not name=value (or name:kind=value)");
    }
    String left = text.substring(0, eq);
    String value = text.substring(eq + 1);
    int colon = left.indexOf(':');
    String name = colon < 0 ? left : left.substring(0, colon);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + text + "': the name must be letters, digits, '_', '.' or '-'");
    }
    if (colon < 0) {
      Kind kind = infer(value);
      return new Arg(name, value(text, kind, value), kind, true, text);
    }
    String label = left.substring(colon + 1);
    Kind kind = KINDS.get(label);
    if (kind == null) {
      throw new IllegalArgumentException("'" + text + "': unknown kind '" + label
          + "' (number, int, bool or text)");
    }
    return new Arg(name, value(text, kind, value), kind, false, text);
  }

  /** The kind a bare {@code name=value} gets. */
  static Kind infer(String value) {
    if (value.equals("true") || value.equals("false")) {
      return Kind.FLAG;
    }
    if (INTEGER.matcher(value).matches()) {
      return Kind.INTEGER;
    }
    if (DECIMAL.matcher(value).matches()) {
      return Kind.NUMBER;
    }
    return Kind.TEXT;
  }

  private static Value value(String text, Kind kind, String value) {
    switch (kind) {
      case NUMBER -> {
        if (!DECIMAL.matcher(value).matches()) {
          throw new IllegalArgumentException("'" + text + "': '" + value + "' is not a decimal number");
        }
        double number = Double.parseDouble(value);
        if (!Double.isFinite(number)) {
          throw new IllegalArgumentException("'" + text + "': '" + value + "' is too large for a number");
        }
        return Value.newBuilder().setNumber(number).build();
      }
      case INTEGER -> {
        if (!INTEGER.matcher(value).matches()) {
          throw new IllegalArgumentException("'" + text + "': '" + value + "' is not an integer");
        }
        try {
          return Value.newBuilder().setInteger(Long.parseLong(value)).build();
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "': '" + value + "' is beyond a 64-bit integer");
        }
      }
      case FLAG -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new IllegalArgumentException("'" + text + "': '" + value + "' is not true or false");
        }
        return Value.newBuilder().setFlag(Boolean.parseBoolean(value)).build();
      }
      default -> {
        return Value.newBuilder().setText(value).build();
      }
    }
  }
}
