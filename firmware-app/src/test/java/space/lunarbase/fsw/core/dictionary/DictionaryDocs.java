package space.lunarbase.fsw.core.dictionary;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import space.lunarbase.proto.v1.ArgInfo;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.EventArgInfo;
import space.lunarbase.proto.v1.EventInfo;
import space.lunarbase.proto.v1.ParameterInfo;

/**
 * Renders a {@link Dictionary} as the files of {@code docs/dictionary}: {@code dictionary.json}
 * (its proto3 JSON form), a {@code README.md} index and one Markdown page per subsystem.
 */
final class DictionaryDocs {

  /** The command that rewrites the committed files from a running controller's dictionary. */
  static final String REFRESH = "./mvnw -pl firmware-app -am verify -Dtest=DictionaryTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Ddictionary.update=true";

  private static final String HEADER = "<!-- Generated from the registries of a running controller (the default"
      + " simulated board) by DictionaryTest: do not edit. Refresh with:\n     " + REFRESH + " -->\n\n";

  private DictionaryDocs() {}

  /** Every file, by its name in {@code docs/dictionary}, in a stable order. */
  static Map<String, String> render(Dictionary published) {
    // channels by name: on the wire they follow the catalogue's order, which is the order the
    // subsystems' beans registered them in and may differ from one start to the next
    Dictionary dictionary = published.toBuilder().clearChannels().addAllChannels(published.getChannelsList().stream()
        .sorted(Comparator.comparing(ChannelDef::getName)).toList()).build();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dictionary.json", json(dictionary));
    TreeSet<String> subsystems = new TreeSet<>();
    dictionary.getCommandsList().forEach(c -> subsystems.add(subsystem(c.getName())));
    dictionary.getChannelsList().forEach(c -> subsystems.add(subsystem(c.getName())));
    dictionary.getEventsList().forEach(e -> subsystems.add(e.getSubsystem()));
    dictionary.getParametersList().forEach(p -> subsystems.add(subsystem(p.getName())));
    StringBuilder index = new StringBuilder(HEADER).append("# The dictionary\n\n")
        .append("What each controller accepts and emits, as its registries declare it. A running controller"
            + " publishes the same document retained on `lunarbase/v1/{site}/{controller}/dictionary` (a serialized"
            + " `lunarbase.v1.Dictionary`, `proto/src/main/proto/lunarbase/v1/dictionary.proto`), its SHA-256 in"
            + " the birth's `dictionary_hash`; [`dictionary.json`](dictionary.json) is its proto3 JSON form, with"
            + " the channels sorted by name (on the wire they follow the order of the `tlm/channels` catalogue)"
            + " (version ").append(dictionary.getVersion()).append(").\n")
        .append("Ranges that follow from the board (a cell's rating, the charger's maximum) are those of the"
            + " default simulated board; `lunarctl commands <site>/<controller>` lists a real controller's own.\n\n")
        .append("| subsystem | commands | channels | events | parameters |\n|---|---|---|---|---|\n");
    for (String subsystem : subsystems) {
      Dictionary part = part(dictionary, subsystem);
      index.append("| [").append(subsystem).append("](").append(subsystem).append(".md) | ")
          .append(part.getCommandsCount()).append(" | ").append(part.getChannelsCount()).append(" | ")
          .append(part.getEventsCount()).append(" | ").append(part.getParametersCount()).append(" |\n");
      files.put(subsystem + ".md", page(subsystem, part));
    }
    files.put("README.md", index.toString());
    return files;
  }

  private static String json(Dictionary dictionary) {
    try {
      return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(dictionary) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Dictionary part(Dictionary all, String subsystem) {
    return Dictionary.newBuilder()
        .addAllCommands(all.getCommandsList().stream().filter(c -> subsystem(c.getName()).equals(subsystem)).toList())
        .addAllChannels(all.getChannelsList().stream().filter(c -> subsystem(c.getName()).equals(subsystem)).toList())
        .addAllEvents(all.getEventsList().stream().filter(e -> e.getSubsystem().equals(subsystem)).toList())
        .addAllParameters(all.getParametersList().stream().filter(p -> subsystem(p.getName()).equals(subsystem))
            .toList())
        .build();
  }

  private static String page(String subsystem, Dictionary part) {
    StringBuilder md = new StringBuilder(HEADER).append("# ").append(subsystem).append("\n");
    if (part.getCommandsCount() > 0) {
      md.append("\n## Commands\n\nEvery argument is required; no other is accepted.\n\n")
          .append("| command | roles | arguments | modes | notes |\n|---|---|---|---|---|\n");
      for (CommandInfo c : part.getCommandsList()) {
        List<String> notes = new ArrayList<>();
        notes.add(c.getSummary());
        if (!c.getSafing().isEmpty()) {
          notes.add("safing " + c.getSafing());
        }
        c.getTraitsList().forEach(t -> notes.add(t.toLowerCase().replace('_', '-')));
        if (c.getContentCheck()) {
          notes.add("checks its arguments' content");
        }
        md.append("| `").append(c.getName()).append("` | ").append(String.join(", ", c.getRolesList())).append(" | ")
            .append(c.getArgsList().stream().map(DictionaryDocs::arg).collect(Collectors.joining("; ")))
            .append(" | ").append(modes(c.getModesList())).append(" | ").append(cell(String.join("; ", notes)))
            .append(" |\n");
      }
    }
    if (part.getChannelsCount() > 0) {
      md.append("\n## Channels\n\nOn `tlm/channels`; a limit left blank is not checked.\n\n")
          .append("| channel | type | unit | red low | yellow low | yellow high | red high | persistence |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      for (ChannelDef c : part.getChannelsList()) {
        md.append("| `").append(c.getName()).append("` | ").append(c.getType()).append(" | ").append(c.getUnit())
            .append(" | ").append(number(c.getRedLow())).append(" | ").append(number(c.getYellowLow())).append(" | ")
            .append(number(c.getYellowHigh())).append(" | ").append(number(c.getRedHigh())).append(" | ")
            .append(c.getPersistence()).append(" |\n");
      }
    }
    if (part.getEventsCount() > 0) {
      md.append("\n## Events\n\nOn `evt`; every argument is sent as text of its type.\n\n")
          .append("| id | event | severity | arguments |\n|---|---|---|---|\n");
      for (EventInfo e : part.getEventsList()) {
        md.append("| ").append(e.getId()).append(" | `").append(e.getName()).append("` | ")
            .append(e.getSeverity().name().replaceFirst("^SEVERITY_", "")).append(" | ")
            .append(e.getArgsList().stream().map(DictionaryDocs::eventArg).collect(Collectors.joining("; ")))
            .append(" |\n");
      }
    }
    if (part.getParametersCount() > 0) {
      md.append("\n## Parameters\n\nSet with `core.SET_PARAM name=<parameter> value=<text>`; a protected one"
              + " only by range safety, only while the rail is SAFE.\n\n")
          .append("| parameter | kind | set by | protected | meaning |\n|---|---|---|---|---|\n");
      for (ParameterInfo p : part.getParametersList()) {
        md.append("| `").append(p.getName()).append("` | ").append(kind(p.getValue())).append(" | ")
            .append(String.join(", ", p.getRolesList())).append(" | ").append(p.getProtected() ? "yes" : "no")
            .append(" | ").append(cell(p.getSummary())).append(" |\n");
      }
    }
    return md.toString();
  }

  private static String arg(ArgInfo a) {
    return "`" + a.getName() + "`: " + kind(a);
  }

  /** {@code number, V, 0.5..2.7}, {@code text, one of A, B}, {@code data, at most 16384 bytes}. */
  static String kind(ArgInfo a) {
    String type = a.getType().name().replaceFirst("^ARG_TYPE_", "").toLowerCase();
    String unit = a.getUnit().isEmpty() ? "" : ", " + a.getUnit();
    return switch (a.getType()) {
      case ARG_TYPE_NUMBER, ARG_TYPE_INTEGER -> type + unit + ", " + number(a.getMin()) + ".." + number(a.getMax());
      case ARG_TYPE_TEXT -> a.getChoicesCount() == 0 ? "text" : "text, one of " + String.join(", ", a.getChoicesList());
      case ARG_TYPE_DATA -> "data, at most " + number(a.getMax()) + " bytes";
      default -> type;
    };
  }

  private static String eventArg(EventArgInfo a) {
    String type = a.getType().name().replaceFirst("^ARG_TYPE_", "").toLowerCase();
    return "`" + a.getName() + "`: " + type + (a.getUnit().isEmpty() ? "" : ", " + a.getUnit())
        + (a.getOptional() ? " (not always)" : "");
  }

  private static String modes(List<String> modes) {
    return modes.size() == space.lunarbase.fsw.core.mode.Mode.values().length ? "any" : String.join(", ", modes);
  }

  /** A double as people write it: 9 significant digits at most, no trailing zeros, blank for NaN. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.isNaN(value) ? "" : Double.toString(value);
    }
    return new BigDecimal(value).round(new MathContext(9)).stripTrailingZeros().toPlainString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String subsystem(String name) {
    return name.substring(0, name.indexOf('.'));
  }
}
