package space.lunarbase.station.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.lunarbase.proto.v1.ArgInfo;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.EventArgInfo;
import space.lunarbase.proto.v1.EventInfo;
import space.lunarbase.proto.v1.ParameterInfo;
import space.lunarbase.station.site.KnownDictionary;
import space.lunarbase.station.site.Limits;

/**
 * A controller's dictionary as {@code /api/site} gives it: its hash and version, its subsystems,
 * and its channels (type, unit, limits), events (severity, arguments), commands (arguments, roles,
 * modes) and parameters, each with its subsystem. Enum values lose their prefix
 * ({@code ARG_TYPE_NUMBER} is {@code NUMBER}).
 */
final class DictionaryJson {

  private DictionaryJson() {}

  static Map<String, Object> of(KnownDictionary known) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("hash", known.hash());
    map.put("version", known.dictionary().getVersion());
    map.put("subsystems", List.copyOf(known.subsystems()));
    List<Object> channels = new ArrayList<>();
    for (ChannelDef c : known.dictionary().getChannelsList()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", c.getName());
      one.put("subsystem", KnownDictionary.subsystemOf(c.getName()));
      one.put("type", c.getType());
      one.put("unit", c.getUnit());
      Limits limits = KnownDictionary.limits(c);
      if (limits.any()) {
        one.put("limits", ApiController.limits(limits));
      }
      one.put("persistence", c.getPersistence());
      channels.add(one);
    }
    map.put("channels", channels);
    List<Object> events = new ArrayList<>();
    for (EventInfo e : known.dictionary().getEventsList()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("id", e.getId());
      one.put("name", e.getName());
      one.put("subsystem", e.getSubsystem());
      one.put("severity", strip(e.getSeverity().name(), "SEVERITY_"));
      List<Object> args = new ArrayList<>();
      for (EventArgInfo a : e.getArgsList()) {
        args.add(Map.of("name", a.getName(), "type", strip(a.getType().name(), "ARG_TYPE_"), "unit", a.getUnit(),
            "optional", a.getOptional()));
      }
      one.put("args", args);
      events.add(one);
    }
    map.put("events", events);
    List<Object> commands = new ArrayList<>();
    for (CommandInfo c : known.commands()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", c.getName());
      one.put("subsystem", KnownDictionary.subsystemOf(c.getName()));
      one.put("summary", c.getSummary());
      one.put("roles", List.copyOf(c.getRolesList()));
      one.put("modes", List.copyOf(c.getModesList()));
      one.put("args", c.getArgsList().stream().map(DictionaryJson::arg).toList());
      one.put("safing", c.getSafing());
      one.put("traits", List.copyOf(c.getTraitsList()));
      commands.add(one);
    }
    map.put("commands", commands);
    List<Object> parameters = new ArrayList<>();
    for (ParameterInfo p : known.dictionary().getParametersList()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", p.getName());
      one.put("subsystem", KnownDictionary.subsystemOf(p.getName()));
      one.put("summary", p.getSummary());
      one.put("value", arg(p.getValue()));
      one.put("roles", List.copyOf(p.getRolesList()));
      one.put("protected", p.getProtected());
      parameters.add(one);
    }
    map.put("parameters", parameters);
    return map;
  }

  private static Map<String, Object> arg(ArgInfo a) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("name", a.getName());
    one.put("type", strip(a.getType().name(), "ARG_TYPE_"));
    one.put("unit", a.getUnit());
    one.put("min", a.getMin());
    one.put("max", a.getMax());
    one.put("choices", List.copyOf(a.getChoicesList()));
    return one;
  }

  private static String strip(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }
}
