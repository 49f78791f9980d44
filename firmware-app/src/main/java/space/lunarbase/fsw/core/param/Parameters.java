package space.lunarbase.fsw.core.param;

import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.core.command.ArgSpec.ArgType;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.storage.CheckedTextFile;
import space.lunarbase.proto.v1.Value;

/**
 * Every parameter of every {@link ParameterSet}, and the one way to read them:
 * {@code parameters.number("bank.charge-current-limit-a")}. Reads take no lock and allocate
 * nothing (rate-group tasks may read every cycle).
 *
 * <p>At start each parameter takes its configured default ({@code lunarbase.parameters.<name>},
 * required, checked against its declaration: a bad or missing one stops the start), then the value
 * persisted in {@code {data-dir}/parameters/values} if there is one. A file that cannot be trusted
 * is moved aside ({@code values.corrupt}) and the defaults stand, with PARAMETERS_NOT_LOADED
 * (WARNING_HI); a saved value that no longer fits its declaration is skipped with
 * PARAMETER_NOT_RESTORED (WARNING_LO). Neither stops the start.
 *
 * <p>Each {@link ParameterSet} may declare {@link CrossCheck}s: the defaults must keep them (else
 * the start stops naming the key); a saved value that breaks one goes back to its default with
 * PARAMETER_NOT_RESTORED.
 *
 * <p>{@link #set} (command {@code core.SET_PARAM}) checks the value against its declaration and
 * every cross-check that reads it, persists, and only then applies.
 */
@Singleton
public final class Parameters {


  /** Where a parameter's current value came from. */
  public enum Source { DEFAULT, PERSISTED, COMMANDED }

  /** One parameter now. */
  public record Entry(ParamSpec spec, Value value, Value defaultValue, Source source) {}

  private final Map<String, ParamSpec> specs;
  private final List<CrossCheck> crossChecks;
  private final ParameterFile file;
  private final EventLog events;
  private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, Entry> entries;

  public Parameters(List<ParameterSet> sets, PropertyResolver config, ControllerSettings controller, EventLog events) {
    this.events = events;
    this.file = new ParameterFile(controller.dataPath());
    Map<String, ParamSpec> byName = new TreeMap<>();
    List<CrossCheck> rules = new ArrayList<>();
    for (ParameterSet set : sets) {
      for (ParamSpec spec : set.parameters()) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
          throw new IllegalStateException("parameter " + spec.name() + " is declared twice");
        }
      }
      rules.addAll(set.crossChecks());
    }
    this.specs = java.util.Collections.unmodifiableMap(byName);
    for (CrossCheck rule : rules) {
      for (String name : rule.names()) {
        ParamSpec spec = specs.get(name);
        if (spec == null || spec.type() != ArgType.NUMBER) {
          throw new IllegalStateException("a cross-check reads " + name + ", which is not a declared number parameter");
        }
      }
    }
    this.crossChecks = List.copyOf(rules);
    Map<String, Entry> initial = new LinkedHashMap<>();
    for (ParamSpec spec : specs.values()) {
      Value fallback = defaultOf(spec, config);
      initial.put(spec.name(), new Entry(spec, fallback, fallback, Source.DEFAULT));
    }
    for (CrossCheck rule : crossChecks) {
      rule.check(values(initial)).ifPresent(why -> {
        throw new InvalidConfigException(specs.get(rule.names().getFirst()).configKey(), "the defaults break a rule: "
            + why);
      });
    }
    restore(initial);
    keepRules(initial);
    this.entries = Map.copyOf(initial);
  }

  /** Saved values that break a cross-check go back to their defaults, with PARAMETER_NOT_RESTORED. */
  private void keepRules(Map<String, Entry> into) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (CrossCheck rule : crossChecks) {
        Optional<String> broken = rule.check(values(into));
        if (broken.isEmpty()) {
          continue;
        }
        for (String name : rule.names()) {
          Entry entry = into.get(name);
          if (entry.source() != Source.DEFAULT) {
            into.put(name, new Entry(entry.spec(), entry.defaultValue(), entry.defaultValue(), Source.DEFAULT));
            changed = true;
            events.emitUnthrottled(CoreEvents.PARAMETER_NOT_RESTORED, "saved parameter " + name + " not restored: "
                + broken.get() + "; its default " + ParamSpec.format(entry.defaultValue()) + " stands",
                Map.of("parameter", name, "saved", ParamSpec.format(entry.value())));
          }
        }
      }
    }
  }

  private static CrossCheck.Values values(Map<String, Entry> entries) {
    return name -> entries.get(name).value().getNumber();
  }

  /** Whether {@code name} is read by an interlock (protected); false for an undeclared name. */
  public boolean interlock(String name) {
    ParamSpec spec = specs.get(name);
    return spec != null && spec.interlock();
  }

  private static Value defaultOf(ParamSpec spec, PropertyResolver config) {
    Object configured;
    try {
      configured = config.getProperty(spec.configKey(), spec.configType()).orElseThrow(() ->
          new InvalidConfigException(spec.configKey(), null, "give the default of " + spec.summary()));
    } catch (io.micronaut.context.exceptions.ConfigurationException e) {
      throw new InvalidConfigException(spec.configKey(), null, "must be " + spec.type().name().toLowerCase(Locale.ROOT));
    }
    Value value = spec.toValue(configured);
    Optional<String> problem = spec.check(value);
    if (problem.isPresent()) {
      throw new InvalidConfigException(spec.configKey(), ParamSpec.format(value), problem.get());
    }
    return value;
  }

  private void restore(Map<String, Entry> into) {
    Map<String, String> saved;
    try {
      saved = file.load();
    } catch (IOException | CheckedTextFile.CorruptException e) {
      file.quarantine();
      events.emitUnthrottled(CoreEvents.PARAMETERS_NOT_LOADED, "saved parameters not loaded (" + e.getMessage()
          + "): running on defaults; the file is kept as " + file.path() + ".corrupt", Map.of("file",
          file.path().toString()));
      return;
    }
    saved.forEach((name, text) -> {
      Entry entry = into.get(name);
      String problem;
      if (entry == null) {
        problem = "no such parameter";
      } else {
        try {
          Value value = entry.spec().parse(text);
          problem = entry.spec().check(value).orElse(null);
          if (problem == null) {
            into.put(name, new Entry(entry.spec(), value, entry.defaultValue(), Source.PERSISTED));
          }
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
      }
      if (problem != null) {
        events.emitUnthrottled(CoreEvents.PARAMETER_NOT_RESTORED, "saved parameter " + name + " not restored: " + problem,
            Map.of("parameter", name, "saved", text));
      }
    });
  }

  /** The value of a NUMBER parameter. */
  public double number(String name) {
    return get(name, Value.KindCase.NUMBER).getNumber();
  }

  /** The value of an INTEGER parameter. */
  public long integer(String name) {
    return get(name, Value.KindCase.INTEGER).getInteger();
  }

  /** The value of a FLAG parameter. */
  public boolean flag(String name) {
    return get(name, Value.KindCase.FLAG).getFlag();
  }

  /** The value of a TEXT parameter. */
  public String text(String name) {
    return get(name, Value.KindCase.TEXT).getText();
  }

  /** One parameter now, or empty if none is declared by that name. */
  public Optional<Entry> find(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** Every parameter now, sorted by name. */
  public List<Entry> all() {
    Map<String, Entry> now = entries;
    return specs.keySet().stream().map(now::get).toList();
  }

  /** Every declared name, sorted. */
  public List<String> names() {
    return List.copyOf(specs.keySet());
  }

  /** Calls {@code listener} after each change, on the thread that made it. */
  public void onChange(Consumer<Entry> listener) {
    listeners.add(listener);
  }

  /**
   * Sets {@code name} from {@code text} (a number, an integer, {@code true}/{@code false}, or one of
   * the allowed texts), persists every commanded value, then applies it and raises PARAMETER_CHANGED.
   *
   * @return the new entry
   * @throws IllegalArgumentException unknown name, wrong kind, out of limits, or a cross-check broken
   *     (nothing changes)
   * @throws IOException the value could not be persisted (nothing changes)
   */
  public synchronized Entry set(String name, String text, String cause) throws IOException {
    Entry before = entries.get(name);
    if (before == null) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    Value value = before.spec().parse(text);
    Optional<String> problem = before.spec().check(value);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    Entry after = new Entry(before.spec(), value, before.defaultValue(), Source.COMMANDED);
    Map<String, Entry> next = new LinkedHashMap<>(entries);
    next.put(name, after);
    for (CrossCheck rule : crossChecks) {
      if (rule.names().contains(name)) {
        Optional<String> broken = rule.check(values(next));
        if (broken.isPresent()) {
          throw new IllegalArgumentException(name + " = " + ParamSpec.format(value) + " refused, unchanged: "
              + broken.get());
        }
      }
    }
    Map<String, String> saved = new LinkedHashMap<>();
    next.values().stream().filter(e -> e.source() != Source.DEFAULT)
        .forEach(e -> saved.put(e.spec().name(), ParamSpec.format(e.value())));
    file.save(saved);
    entries = Map.copyOf(next);
    String unit = before.spec().value().unit();
    events.emitUnthrottled(CoreEvents.PARAMETER_CHANGED, name + " " + ParamSpec.format(before.value()) + " -> "
        + ParamSpec.format(value) + (unit.isEmpty() ? "" : " " + unit) + " by " + cause,
        Map.of("parameter", name, "before", ParamSpec.format(before.value()), "after", ParamSpec.format(value)));
    for (Consumer<Entry> listener : listeners) {
      listener.accept(after);
    }
    return after;
  }

  private Value get(String name, Value.KindCase kind) {
    Entry entry = entries.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("no parameter " + name + " is declared");
    }
    Value value = entry.value();
    if (value.getKindCase() != kind) {
      throw new IllegalStateException("parameter " + name + " is " + entry.spec().type() + ", read as " + kind);
    }
    return value;
  }
}
