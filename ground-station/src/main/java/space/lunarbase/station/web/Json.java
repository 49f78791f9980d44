package space.lunarbase.station.web;

import java.util.List;
import java.util.Map;

/** A small JSON writer for the API's replies (numbers, texts, lists and maps of them). */
final class Json {

  private final StringBuilder out = new StringBuilder(256);

  static String of(Object value) {
    Json json = new Json();
    json.value(value);
    return json.out.toString();
  }

  StringBuilder builder() {
    return out;
  }

  void value(Object value) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(s);
      case Double d -> number(d);
      case Float f -> number(f);
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(String.valueOf(e.getKey()));
          out.append(':');
          value(e.getValue());
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          value(list.get(i));
        }
        out.append(']');
      }
      default -> string(value.toString());
    }
  }

  void number(double value) {
    if (!Double.isFinite(value)) {
      out.append("null");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(value);
    }
  }

  void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
