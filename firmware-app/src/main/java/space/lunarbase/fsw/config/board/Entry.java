package space.lunarbase.fsw.config.board;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One node of a board file and its path ({@code bank.cells[3].adc}), read as the type its key
 * needs. Scalars are read from the text as written, not by YAML 1.1's resolver: whole numbers are
 * decimal or {@code 0x} hex (a leading 0 is not octal), booleans are {@code true}/{@code false}
 * only. Every failure is a {@link BoardFileProblem} naming the path.
 */
record Entry(String path, Node node) {

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
  private static final Pattern REAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s)");
  private static final int SHOWN_CHARS = 40;

  /** A mapping whose keys are all in {@code keys}, each once. */
  Section section(List<String> keys) {
    if (!(node instanceof MappingNode mapping)) {
      throw problem("expected a mapping with keys " + String.join(", ", keys) + ", got " + shown());
    }
    Map<String, Entry> fields = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      Entry field = new Entry(child(key), tuple.getValueNode());
      if (!keys.contains(key)) {
        throw field.problem("unknown key; allowed: " + String.join(", ", keys));
      }
      Entry before = fields.putIfAbsent(key, field);
      if (before != null) {
        throw field.problem("key given twice (first on line " + before.line() + ")");
      }
    }
    return new Section(this, fields);
  }

  /** The entries of a list, pathed {@code path[i]}. */
  List<Entry> list() {
    if (!(node instanceof SequenceNode sequence)) {
      throw problem("expected a list, got " + shown());
    }
    List<Entry> items = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      items.add(new Entry(path + "[" + items.size() + "]", item));
    }
    return items;
  }

  <T> List<T> list(Function<Entry, T> item) {
    return list().stream().map(item).toList();
  }

  /** A whole number: decimal or {@code 0x} hex, within int range. */
  int whole() {
    String text = scalar("a whole number (decimal or 0x hex)");
    long value;
    if (DECIMAL.matcher(text).matches() && text.length() <= 11) {
      value = Long.parseLong(text);
    } else if (HEX.matcher(text).matches() && text.length() <= 10) {
      value = Long.parseLong(text.substring(2), 16);
    } else {
      throw problem("expected a whole number (decimal or 0x hex), got " + shown());
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw problem("expected a whole number that fits 32 bits, got " + shown());
    }
    return (int) value;
  }

  /** A number: decimal, with optional fraction and exponent, or {@code 0x} hex. */
  double number() {
    String text = scalar("a number");
    if (HEX.matcher(text).matches()) {
      return whole();
    }
    if (!REAL.matcher(text).matches()) {
      throw problem("expected a number, got " + shown());
    }
    return Double.parseDouble(text);
  }

  boolean flag() {
    return switch (scalar("true or false").toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw problem("expected true or false, got " + shown());
    };
  }

  String text() {
    return scalar("a text");
  }

  /** {@code 100ms}, {@code 2s} or an ISO-8601 duration ({@code PT0.1S}). */
  Duration duration() {
    String text = scalar("a duration like 100ms or 2s");
    Matcher m = DURATION.matcher(text);
    try {
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
      }
      return Duration.parse(text);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw problem("expected a duration like 100ms or 2s, got " + shown());
    }
  }

  /** Builds a hal record; its own check's message is reported at this entry. */
  <T> T build(Supplier<T> record) {
    try {
      return record.get();
    } catch (IllegalArgumentException e) {
      throw problem(e.getMessage());
    }
  }

  BoardFileProblem problem(String detail) {
    return new BoardFileProblem(path, detail);
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  int line() {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private String scalar(String expected) {
    if (!(node instanceof ScalarNode s) || isNull()) {
      throw problem("expected " + expected + ", got " + shown());
    }
    return s.getValue().trim();
  }

  private boolean isNull() {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()) && s.isPlain();
  }

  /** How the node is shown in a message: {@code 'abc'}, {@code nothing}, {@code a list}, {@code a mapping}. */
  private String shown() {
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (isNull()) {
      return "nothing";
    }
    String text = ((ScalarNode) node).getValue();
    return "'" + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text) + "'";
  }
}
