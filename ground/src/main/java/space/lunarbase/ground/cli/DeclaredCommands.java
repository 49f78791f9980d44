package space.lunarbase.ground.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import space.lunarbase.ground.cli.CommandArgs.Arg;
import space.lunarbase.ground.cli.CommandArgs.Kind;
import space.lunarbase.proto.v1.ArgInfo;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.Value;

/**
 * Commands as a controller's dictionary declares them: finds one by name and types the
 * {@code name=value} arguments of {@code lunarctl send} by its declaration ({@code cell_volts=9} is
 * the number 9.0 when {@code cell_volts} is a number), refusing before anything is sent what the
 * controller would refuse: an unknown command, an unknown, missing or repeated argument, a value
 * of the wrong kind, one outside its range or not among its allowed texts.
 */
final class DeclaredCommands {

  /** What the controller would refuse, in one line naming the command and what it accepts. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private DeclaredCommands() {}

  /** The declaration of {@code name} in {@code dictionary}. */
  static CommandInfo find(Dictionary dictionary, String controller, String name) throws Refused {
    return dictionary.getCommandsList().stream().filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new Refused(controller + " has no command '" + name + "'; it accepts: "
            + dictionary.getCommandsList().stream().map(CommandInfo::getName).collect(Collectors.joining(", "))
            + " (lunarctl commands " + controller + " shows their arguments)"));
  }

  /** Every argument of {@code texts} ({@code name=value} or {@code name:kind=value}) typed by {@code command}. */
  static Map<String, Arg> typed(CommandInfo command, List<String> texts) throws Refused {
    Map<String, Arg> args = new LinkedHashMap<>();
    for (String text : texts) {
      Arg arg = typed(command, text);
      if (args.putIfAbsent(arg.name(), arg) != null) {
        throw refused(command, "argument " + arg.name() + " is given twice");
      }
    }
    for (ArgInfo declared : command.getArgsList()) {
      if (!args.containsKey(declared.getName())) {
        throw refused(command, "needs " + declared.getName() + "=<" + form(declared) + ">");
      }
    }
    return args;
  }

  private static Arg typed(CommandInfo command, String text) throws Refused {
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw refused(command, "'" + text + "' is not name=value");
    }
    String left = text.substring(0, eq);
    String value = text.substring(eq + 1);
    int colon = left.indexOf(':');
    String name = colon < 0 ? left : left.substring(0, colon);
    ArgInfo declared = command.getArgsList().stream().filter(a -> a.getName().equals(name)).findFirst()
        .orElseThrow(() -> refused(command, "has no argument '" + printable(name) + "'"));
    Kind kind = kind(declared);
    if (colon >= 0) {
      Kind said = CommandArgs.KINDS.get(left.substring(colon + 1));
      if (said != kind) {
        throw refused(command, name + " is " + article(kind) + ", not '" + printable(left.substring(colon + 1)) + "'");
      }
    }
    return new Arg(name, value(command, declared, kind, value), kind, false, text);
  }

  private static Value value(CommandInfo command, ArgInfo declared, Kind kind, String text) throws Refused {
    String name = declared.getName();
    switch (kind) {
      case NUMBER -> {
        double number = CommandArgs.DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
        if (!Double.isFinite(number)) {
          throw refused(command, name + "='" + printable(text) + "' is not a number");
        }
        if (number < declared.getMin() || number > declared.getMax()) {
          throw refused(command, name + "=" + printable(text) + " is out of range " + range(declared));
        }
        return Value.newBuilder().setNumber(number).build();
      }
      case INTEGER -> {
        long integer;
        try {
          integer = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw refused(command, name + "='" + printable(text) + "' is not an integer");
        }
        if (integer < declared.getMin() || integer > declared.getMax()) {
          throw refused(command, name + "=" + text + " is out of range " + range(declared));
        }
        return Value.newBuilder().setInteger(integer).build();
      }
      case FLAG -> {
        if (!text.equals("true") && !text.equals("false")) {
          throw refused(command, name + "='" + printable(text) + "' is not true or false");
        }
        return Value.newBuilder().setFlag(Boolean.parseBoolean(text)).build();
      }
      case TEXT -> {
        if (declared.getChoicesCount() > 0 && !declared.getChoicesList().contains(text)) {
          throw refused(command, name + "='" + printable(text) + "' is not one of " + String.join(", ",
              declared.getChoicesList()));
        }
        return Value.newBuilder().setText(text).build();
      }
      default -> throw refused(command, name + " is data, which lunarctl send does not write (seq.LOAD: lunarctl seq"
          + " load)");
    }
  }

  /** One line: {@code bank.CHARGE cell_volts=<number V 0.5..2.7> amps=<number A 1..100>}. */
  static String usage(CommandInfo command) {
    StringBuilder line = new StringBuilder(command.getName());
    command.getArgsList().forEach(a -> line.append(' ').append(a.getName()).append("=<").append(form(a)).append('>'));
    return line.toString();
  }

  /** {@code number V 0.5..2.7}, {@code text MAIN|DISCHARGE}, {@code integer 1..8}, {@code flag}. */
  static String form(ArgInfo arg) {
    Kind kind = kind(arg);
    return switch (kind) {
      case NUMBER, INTEGER -> kind.label() + (arg.getUnit().isEmpty() ? "" : " " + arg.getUnit()) + " "
          + number(arg.getMin()) + ".." + number(arg.getMax());
      case TEXT -> arg.getChoicesCount() == 0 ? "text" : String.join("|", arg.getChoicesList());
      case DATA -> "data, at most " + number(arg.getMax()) + " bytes";
      case FLAG -> "true|false";
    };
  }

  static Kind kind(ArgInfo arg) {
    return switch (arg.getType()) {
      case ARG_TYPE_NUMBER -> Kind.NUMBER;
      case ARG_TYPE_INTEGER -> Kind.INTEGER;
      case ARG_TYPE_FLAG -> Kind.FLAG;
      case ARG_TYPE_DATA -> Kind.DATA;
      default -> Kind.TEXT;
    };
  }

  private static String range(ArgInfo arg) {
    return number(arg.getMin()) + ".." + number(arg.getMax()) + (arg.getUnit().isEmpty() ? "" : " " + arg.getUnit());
  }

  /** A double as people write it: at most 9 significant digits, no trailing zeros. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(value).round(new MathContext(9)).stripTrailingZeros().toPlainString();
  }

  private static String article(Kind kind) {
    return (kind == Kind.INTEGER ? "an " : "a ") + kind.label().toLowerCase(Locale.ROOT);
  }

  private static Refused refused(CommandInfo command, String problem) {
    String accepts = command.getArgsCount() == 0 ? "it takes no arguments" : "it takes " + usage(command);
    return new Refused(command.getName() + ": " + problem + "; " + accepts);
  }

  /** At most 40 characters, control characters replaced: for echoing input. */
  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
