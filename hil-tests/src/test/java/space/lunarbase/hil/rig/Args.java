package space.lunarbase.hil.rig;

import java.util.LinkedHashMap;
import java.util.Map;
import space.lunarbase.proto.v1.Value;

/**
 * Command arguments for the rig, typed by their Java value as the firmware declares them: a
 * {@code double} is a number, an {@code int} or {@code long} an integer, a {@code boolean} a flag,
 * a {@code String} text. {@code Args.of("amps", 20.0)}.
 */
public final class Args {

  private Args() {}

  /** No arguments. */
  public static Map<String, Value> none() {
    return Map.of();
  }

  /** Name, value, name, value, ... */
  public static Map<String, Value> of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Args.of takes name, value pairs");
    }
    Map<String, Value> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], value(namesAndValues[i + 1]));
    }
    return args;
  }

  static Value value(Object v) {
    return switch (v) {
      case Double d -> Value.newBuilder().setNumber(d).build();
      case Float f -> Value.newBuilder().setNumber(f).build();
      case Integer n -> Value.newBuilder().setInteger(n).build();
      case Long n -> Value.newBuilder().setInteger(n).build();
      case Boolean b -> Value.newBuilder().setFlag(b).build();
      case String s -> Value.newBuilder().setText(s).build();
      case Value value -> value;
      default -> throw new IllegalArgumentException("no command argument kind for " + v.getClass().getSimpleName());
    };
  }
}
