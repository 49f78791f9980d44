package space.lunarbase.station.site;

/**
 * One archived series of a controller: a channel of its catalogue ({@code CHANNEL}), a numeric field
 * of its frames ({@code FIELD}) or a batched high-rate quantity ({@code BATCH}).
 *
 * @param name e.g. {@code bank.cell_03_voltage}, {@code bank.pack_voltage_v}
 * @param unit e.g. {@code V}; empty when not known
 * @param kind where its values come from
 * @param limits from the catalogue (channels only)
 */
public record Series(String name, String unit, Kind kind, Limits limits) {

  /** Where a series' values come from. */
  public enum Kind { CHANNEL, FIELD, BATCH }

  /** The subsystem: the name up to its first dot. */
  public String subsystem() {
    int dot = name.indexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  /** A unit guessed from a field name's suffix ({@code _v}, {@code _a}, {@code _deg}, ...). */
  public static String unitOf(String name) {
    String n = name;
    int brace = n.lastIndexOf('.');
    String last = brace < 0 ? n : n.substring(brace + 1);
    if (last.equals("celsius") || last.endsWith("_c")) {
      return "degC";
    }
    int underscore = last.lastIndexOf('_');
    if (underscore < 0) {
      return "";
    }
    return switch (last.substring(underscore + 1)) {
      case "v" -> "V";
      case "a" -> "A";
      case "w" -> "W";
      case "j" -> "J";
      case "deg" -> "deg";
      case "s" -> "s";
      case "ms" -> "ms";
      case "us" -> "us";
      case "ns" -> "ns";
      case "mps" -> "m/s";
      case "m" -> "m";
      case "kg" -> "kg";
      case "pct" -> "%";
      case "hz" -> "Hz";
      case "ohms" -> "Ohm";
      default -> "";
    };
  }
}
