package space.lunarbase.ground.cli;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;
import space.lunarbase.proto.v1.ChannelCatalogue;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.proto.v1.ChannelInfo;
import space.lunarbase.proto.v1.Dictionary;

/**
 * {@code tlm/channels} frames for people. A frame carries values in the order of a catalogue that
 * comes only now and then (first frame, every birth, every catalogue period), named by id; this
 * keeps the last catalogue seen per controller and id and names each value from it:
 * {@code channels 14: 12 ok, 1 yellow, 0 red, 1 bad | bank.pack_voltage=30.12V
 * bank.cell_03_voltage=2.71V YELLOW_HI bank.temperature_02=? FAILED "no answer" ...}. Until a
 * frame's catalogue has been seen, values are shown by index ({@code #0=30.12}) with a note; a
 * controller's dictionary ({@link #learn}) names them from the first frame.
 */
final class ChannelLines {

  private record Entry(String name, String unit) {}

  private final Map<String, List<Entry>> catalogues = new HashMap<>();

  /**
   * Learns {@code controller}'s catalogue from its dictionary, whose channels are in catalogue order:
   * rebuilt as the controller builds it, its CRC-32C is the id its frames carry, so even the first
   * frame after this is named.
   */
  void learn(String controller, Dictionary dictionary) {
    ChannelCatalogue.Builder catalogue = ChannelCatalogue.newBuilder();
    List<Entry> entries = new ArrayList<>();
    for (ChannelDef channel : dictionary.getChannelsList()) {
      catalogue.addChannels(ChannelInfo.newBuilder().setName(channel.getName()).setUnit(channel.getUnit())
          .setYellowLow(channel.getYellowLow()).setYellowHigh(channel.getYellowHigh())
          .setRedLow(channel.getRedLow()).setRedHigh(channel.getRedHigh()).setPersistence(channel.getPersistence()));
      entries.add(new Entry(channel.getName(), channel.getUnit()));
    }
    CRC32C crc = new CRC32C();
    crc.update(catalogue.build().toByteArray());
    catalogues.put(controller + " " + String.format(Locale.ROOT, "%08x", crc.getValue()), List.copyOf(entries));
  }

  /** The line for {@code channels} (a ChannelTelemetry) sent by {@code controller}. */
  String line(String controller, Message channels) {
    String id = String.format(Locale.ROOT, "%08x", Fields.longValue(channels, "catalogue_id") & 0xffff_ffffL);
    String key = controller + " " + id;
    if (Fields.has(channels, "catalogue")) {
      catalogues.put(key, entries(Fields.message(channels, "catalogue")));
    }
    List<Entry> catalogue = catalogues.get(key);
    List<?> values = Fields.list(channels, "value");
    List<?> qualities = Fields.list(channels, "quality");
    List<?> levels = Fields.list(channels, "level");
    Map<Long, String> faults = faults(channels);
    int ok = 0;
    int yellow = 0;
    int red = 0;
    int bad = 0;
    List<String> parts = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String quality = i < qualities.size() ? name(qualities.get(i), "QUALITY_") : "GOOD";
      String level = i < levels.size() ? name(levels.get(i), "LIMIT_LEVEL_") : "IN_LIMITS";
      Entry entry = catalogue != null && i < catalogue.size() ? catalogue.get(i) : null;
      StringBuilder part = new StringBuilder(entry == null ? "#" + i : entry.name()).append('=');
      if (quality.equals("GOOD")) {
        part.append(FrameFormatter.compact(((Number) values.get(i)).doubleValue()));
        if (entry != null) {
          part.append(entry.unit());
        }
      } else {
        bad++;
        part.append("? ").append(quality);
        String fault = faults.getOrDefault((long) i, "");
        if (!fault.isEmpty()) {
          part.append(" \"").append(fault.replace('\n', ' ').replace('\r', ' ')).append('"');
        }
      }
      if (quality.equals("GOOD") && level.equals("IN_LIMITS")) {
        ok++;
      }
      if (level.startsWith("YELLOW")) {
        yellow++;
      } else if (level.startsWith("RED")) {
        red++;
      }
      if (!level.equals("IN_LIMITS")) {
        part.append(' ').append(level);
      }
      parts.add(part.toString());
    }
    StringBuilder line = new StringBuilder("channels ").append(values.size()).append(": ")
        .append(ok).append(" ok, ").append(yellow).append(" yellow, ").append(red).append(" red, ")
        .append(bad).append(" bad");
    if (catalogue == null) {
      line.append(" (catalogue ").append(id).append(" not seen yet: it comes every catalogue period, or ask with"
          + " lunarctl rebirth)");
    } else if (catalogue.size() != values.size()) {
      line.append(" (catalogue ").append(id).append(" names ").append(catalogue.size()).append(" channels)");
    }
    if (!parts.isEmpty()) {
      line.append(" | ").append(String.join(" ", parts));
    }
    return line.toString();
  }

  private static List<Entry> entries(Message catalogue) {
    List<Entry> entries = new ArrayList<>();
    for (Object item : Fields.list(catalogue, "channels")) {
      Message info = (Message) item;
      entries.add(new Entry(Fields.string(info, "name"), Fields.string(info, "unit")));
    }
    return List.copyOf(entries);
  }

  private static Map<Long, String> faults(Message channels) {
    Map<Long, String> faults = new HashMap<>();
    for (Object item : Fields.list(channels, "faults")) {
      Message entry = (Message) item;
      faults.put(Fields.longValue(entry, "key"), Fields.string(entry, "value"));
    }
    return faults;
  }

  private static String name(Object value, String prefix) {
    return value instanceof EnumValueDescriptor e ? Fields.strip(e.getName(), prefix) : String.valueOf(value);
  }
}
