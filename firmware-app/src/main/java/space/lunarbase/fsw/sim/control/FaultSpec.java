package space.lunarbase.fsw.sim.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One fault the control channel can inject: its name ({@code family.kebab-name}), what it does,
 * its parameters and the action on the simulated board, which returns a line saying what it did.
 */
public record FaultSpec(String name, String summary, List<FaultParam> params, Action action) {

  /** Applies the fault to the simulation; returns what was done, for the reply and the log. */
  @FunctionalInterface
  public interface Action {
    String apply(FaultArgs args);
  }

  public FaultSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    params = List.copyOf(params);
    Objects.requireNonNull(action, "action");
  }

  /**
   * Checks and parses the given texts against the declared parameters: every one present, none
   * extra, each of its kind and range.
   *
   * @throws FaultRefused (400) naming the first problem
   */
  FaultArgs parse(Map<String, String> given) {
    Set<String> declared = new HashSet<>();
    params.forEach(p -> declared.add(p.name()));
    List<String> extra = new ArrayList<>(given.keySet().stream().filter(k -> !declared.contains(k)).sorted().toList());
    if (!extra.isEmpty()) {
      throw FaultRefused.badRequest(name + " takes " + (params.isEmpty() ? "no parameters"
          : "only " + String.join(", ", declared.stream().sorted().toList())) + "; not " + String.join(", ", extra));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (FaultParam param : params) {
      String text = given.get(param.name());
      if (text == null) {
        throw FaultRefused.badRequest(name + " needs " + param.name() + " (" + param.summary() + ")");
      }
      values.put(param.name(), param.parse(text));
    }
    return new FaultArgs(values);
  }

  /** The fault as the catalogue lists it. */
  Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("summary", summary);
    d.put("params", params.stream().map(FaultParam::describe).toList());
    return d;
  }
}
