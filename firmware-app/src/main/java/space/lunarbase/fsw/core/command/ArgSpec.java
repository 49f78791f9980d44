package space.lunarbase.fsw.core.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Value;

/**
 * The declaration of one command argument: its name, kind, unit and limits. {@link #check} is the
 * only place an argument value is judged.
 *
 * @param name the argument's name in {@code CommandBody.args}
 * @param type which {@code Value} kind it must be
 * @param unit for people and docs, e.g. {@code A}; empty if none
 * @param min the smallest allowed value (NUMBER, INTEGER); 0 for DATA
 * @param max the largest allowed value (NUMBER, INTEGER); the most bytes (DATA)
 * @param choices the allowed texts (TEXT); empty = any text up to {@link #MAX_TEXT} characters
 */
public record ArgSpec(String name, ArgType type, String unit, double min, double max, List<String> choices) {

  /** The longest text argument accepted. */
  public static final int MAX_TEXT = 256;

  /** The kinds of argument, one per {@code Value} case. */
  public enum ArgType { NUMBER, INTEGER, FLAG, TEXT, DATA }

  public ArgSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    choices = List.copyOf(choices);
    if (!(min <= max)) {
      throw new IllegalArgumentException("argument " + name + ": min " + min + " > max " + max);
    }
  }

  /** A finite number in {@code min..max} (inclusive). */
  public static ArgSpec number(String name, String unit, double min, double max) {
    return new ArgSpec(name, ArgType.NUMBER, unit, min, max, List.of());
  }

  /** A whole number in {@code min..max} (inclusive). */
  public static ArgSpec integer(String name, String unit, long min, long max) {
    return new ArgSpec(name, ArgType.INTEGER, unit, min, max, List.of());
  }

  public static ArgSpec flag(String name) {
    return new ArgSpec(name, ArgType.FLAG, "", 0, 0, List.of());
  }

  /** One of {@code choices}. */
  public static ArgSpec text(String name, List<String> choices) {
    return new ArgSpec(name, ArgType.TEXT, "", 0, 0, choices);
  }

  /**
   * Opaque bytes, at most {@code maxBytes}, whose structure the command checks itself (a
   * {@link ContentCheck}), e.g. the serialized sequence of {@code seq.LOAD}.
   */
  public static ArgSpec data(String name, int maxBytes) {
    return new ArgSpec(name, ArgType.DATA, "bytes", 0, maxBytes, List.of());
  }

  /** Empty if {@code value} is acceptable; else BAD_ARGUMENT (kind, text) or OUT_OF_RANGE (numbers). */
  public Optional<Rejection> check(Value value) {
    ArgType given = typeOf(value);
    if (given != type) {
      return bad("argument " + name + " must be " + kind(type) + ", was " + (given == null ? "empty" : kind(given)));
    }
    return switch (type) {
      case NUMBER -> {
        double v = value.getNumber();
        yield Double.isFinite(v) && v >= min && v <= max ? Optional.empty()
            : outOfRange("argument " + name + " must be " + min + ".." + max + unitSuffix() + ", was " + v);
      }
      case INTEGER -> {
        long v = value.getInteger();
        // compare as doubles only where exact: the declared bounds are whole numbers
        yield v >= (long) min && v <= (long) max ? Optional.empty()
            : outOfRange("argument " + name + " must be " + (long) min + ".." + (long) max + unitSuffix() + ", was " + v);
      }
      case FLAG -> Optional.empty();
      case TEXT -> {
        String v = value.getText();
        if (v.length() > MAX_TEXT) {
          yield bad("argument " + name + " is longer than " + MAX_TEXT + " characters");
        }
        yield choices.isEmpty() || choices.contains(v) ? Optional.empty()
            : bad("argument " + name + " must be one of " + choices + ", was '" + printable(v) + "'");
      }
      case DATA -> value.getData().size() <= max ? Optional.empty()
          : outOfRange("argument " + name + " must be at most " + (long) max + " bytes, was " + value.getData().size());
    };
  }

  /** The kind a value carries, null if none is set. */
  static ArgType typeOf(Value value) {
    return switch (value.getKindCase()) {
      case NUMBER -> ArgType.NUMBER;
      case INTEGER -> ArgType.INTEGER;
      case FLAG -> ArgType.FLAG;
      case TEXT -> ArgType.TEXT;
      case DATA -> ArgType.DATA;
      case KIND_NOT_SET -> null;
    };
  }

  private String unitSuffix() {
    return unit.isEmpty() ? "" : " " + unit;
  }

  private static String kind(ArgType type) {
    return switch (type) {
      case NUMBER -> "a number";
      case INTEGER -> "an integer";
      case FLAG -> "a flag";
      case TEXT -> "a text";
      case DATA -> "data (bytes)";
    };
  }

  /** At most 40 characters, control characters replaced: for echoing input into acks and logs. */
  static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private static Optional<Rejection> bad(String text) {
    return Optional.of(new Rejection(Reason.REASON_BAD_ARGUMENT, text));
  }

  private static Optional<Rejection> outOfRange(String text) {
    return Optional.of(new Rejection(Reason.REASON_OUT_OF_RANGE, text));
  }
}
