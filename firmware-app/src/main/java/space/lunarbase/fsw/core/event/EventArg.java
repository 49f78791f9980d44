package space.lunarbase.fsw.core.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The declaration of one argument of an event kind ({@code Event.args} carries every value as
 * text): its name, the type its text is, its unit, whether some events of the kind leave it out,
 * and whether it is a numbered family ({@code interlock_1}, {@code interlock_2}, ...).
 *
 * @param name the key in {@code Event.args} (for a numbered family, the part before {@code _N})
 * @param type what its text is
 * @param unit for people and docs, e.g. {@code V}; empty if none
 * @param optional whether some events of the kind do not carry it
 * @param numbered whether it is a family {@code name_1}, {@code name_2}, ... (none or more)
 */
public record EventArg(String name, Type type, String unit, boolean optional, boolean numbered) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** What an argument's text is. */
  public enum Type {
    /** A decimal number ({@code Double.toString}); empty when there is none. */
    NUMBER,
    /** A whole number (signed, or an unsigned 64-bit id). */
    INTEGER,
    /** {@code true} or {@code false}. */
    FLAG,
    /** Any text. */
    TEXT
  }

  public EventArg {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("event argument name must be lower_snake, was " + name);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
  }

  /** A text argument. */
  public static EventArg text(String name) {
    return new EventArg(name, Type.TEXT, "", false, false);
  }

  /** A decimal number in {@code unit}. */
  public static EventArg number(String name, String unit) {
    return new EventArg(name, Type.NUMBER, unit, false, false);
  }

  /** A decimal number without unit. */
  public static EventArg number(String name) {
    return number(name, "");
  }

  /** A whole number in {@code unit}. */
  public static EventArg integer(String name, String unit) {
    return new EventArg(name, Type.INTEGER, unit, false, false);
  }

  /** A whole number without unit (a count, an index, an id). */
  public static EventArg integer(String name) {
    return integer(name, "");
  }

  /** This argument, left out by some events of its kind. */
  public EventArg maybeAbsent() {
    return new EventArg(name, type, unit, true, numbered);
  }

  /** A family of text arguments {@code name_1}, {@code name_2}, ...: none or more. */
  public static EventArg numberedText(String name) {
    return new EventArg(name, Type.TEXT, "", true, true);
  }

  /** Whether the key {@code key} in {@code Event.args} is this argument (or one of its family). */
  public boolean names(String key) {
    if (!numbered) {
      return key.equals(name);
    }
    return key.startsWith(name + "_") && key.length() > name.length() + 1
        && key.substring(name.length() + 1).chars().allMatch(Character::isDigit);
  }

  /** Whether {@code text} is a value of this argument's type. */
  public boolean accepts(String text) {
    return switch (type) {
      case TEXT -> true;
      case FLAG -> text.equals("true") || text.equals("false");
      case INTEGER -> {
        try {
          // signed, or an unsigned 64-bit id such as a request id
          if (text.startsWith("-")) {
            Long.parseLong(text);
          } else {
            Long.parseUnsignedLong(text);
          }
          yield true;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
      case NUMBER -> {
        if (text.isEmpty()) {
          yield true;
        }
        try {
          Double.parseDouble(text);
          yield true;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
    };
  }
}
