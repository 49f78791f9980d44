package space.lunarbase.fsw.sim.control;

import java.util.Map;

/** The parsed parameters of one fault request, each of its declared kind. */
public record FaultArgs(Map<String, Object> values) {

  public FaultArgs {
    values = Map.copyOf(values);
  }

  int integer(String name) {
    return Math.toIntExact((Long) values.get(name));
  }

  double number(String name) {
    return (Double) values.get(name);
  }

  boolean flag(String name) {
    return (Boolean) values.get(name);
  }

  String choice(String name) {
    return (String) values.get(name);
  }
}
