package space.lunarbase.fsw.sim.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One declared parameter of a fault: its name, kind and allowed values. A request gives every
 * parameter as text (a query parameter), parsed here; anything else is refused with a reason.
 *
 * @param name the parameter's name, e.g. {@code cell}
 * @param kind integer, number, flag ({@code true}/{@code false}) or choice (one of {@code choices})
 * @param min lowest allowed value (integer and number)
 * @param max highest allowed value (integer and number)
 * @param choices the allowed texts of a choice, upper case
 * @param summary what it means, with its unit
 */
public record FaultParam(String name, Kind kind, double min, double max, List<String> choices, String summary) {

  /** How a parameter's text is read. */
  public enum Kind { INTEGER, NUMBER, FLAG, CHOICE }

  public FaultParam {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    choices = List.copyOf(choices);
    Objects.requireNonNull(summary, "summary");
  }

  static FaultParam integer(String name, long min, long max, String summary) {
    return new FaultParam(name, Kind.INTEGER, min, max, List.of(), summary);
  }

  static FaultParam number(String name, double min, double max, String summary) {
    return new FaultParam(name, Kind.NUMBER, min, max, List.of(), summary);
  }

  static FaultParam flag(String name, String summary) {
    return new FaultParam(name, Kind.FLAG, 0, 1, List.of(), summary);
  }

  static FaultParam choice(String name, List<String> choices, String summary) {
    return new FaultParam(name, Kind.CHOICE, 0, 0, choices.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList(),
        summary);
  }

  /**
   * Reads {@code text} as this parameter: a {@code Long}, {@code Double}, {@code Boolean} or the
   * upper-case choice.
   *
   * @throws FaultRefused (400) naming the parameter, the text and what is allowed
   */
  Object parse(String text) {
    String t = text == null ? "" : text.trim();
    switch (kind) {
      case INTEGER -> {
        long value;
        try {
          value = Long.parseLong(t);
        } catch (NumberFormatException e) {
          throw refused(t, "a whole number from " + (long) min + " to " + (long) max);
        }
        if (value < min || value > max) {
          throw refused(t, "a whole number from " + (long) min + " to " + (long) max);
        }
        return value;
      }
      case NUMBER -> {
        double value;
        try {
          value = Double.parseDouble(t);
        } catch (NumberFormatException e) {
          throw refused(t, "a number from " + min + " to " + max);
        }
        if (!Double.isFinite(value) || value < min || value > max) {
          throw refused(t, "a number from " + min + " to " + max);
        }
        return value;
      }
      case FLAG -> {
        if (!t.equals("true") && !t.equals("false")) {
          throw refused(t, "true or false");
        }
        return Boolean.parseBoolean(t);
      }
      default -> {
        String upper = t.toUpperCase(Locale.ROOT);
        if (!choices.contains(upper)) {
          throw refused(t, "one of " + String.join(", ", choices));
        }
        return upper;
      }
    }
  }

  private FaultRefused refused(String text, String allowed) {
    return FaultRefused.badRequest(name + "='" + text + "' is not valid: use " + allowed);
  }

  /** The parameter as the catalogue lists it. */
  Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("kind", kind.name().toLowerCase(Locale.ROOT));
    switch (kind) {
      case INTEGER -> {
        d.put("min", (long) min);
        d.put("max", (long) max);
      }
      case NUMBER -> {
        d.put("min", min);
        d.put("max", max);
      }
      case CHOICE -> d.put("choices", choices);
      default -> {
        // a flag is true or false
      }
    }
    d.put("summary", summary);
    return d;
  }
}
