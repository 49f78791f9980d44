package space.lunarbase.station.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.EventInfo;
import space.lunarbase.proto.v1.ParameterInfo;

/**
 * A controller's dictionary as the station uses it (its SHA-256 named by the controller's birth),
 * with its channels by name, its events by id and its subsystems (every name's part before its
 * first dot, and each event's subsystem).
 *
 * @param hash SHA-256 (hex) of the serialized dictionary
 * @param dictionary what the controller declares
 */
public record KnownDictionary(String hash, Dictionary dictionary, Map<String, ChannelDef> channels,
    Map<Integer, EventInfo> events, SortedSet<String> subsystems) {

  public KnownDictionary {
    channels = Map.copyOf(channels);
    events = Map.copyOf(events);
    subsystems = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(subsystems));
  }

  /** Indexes {@code dictionary}. */
  public static KnownDictionary of(String hash, Dictionary dictionary) {
    Map<String, ChannelDef> channels = new LinkedHashMap<>();
    Map<Integer, EventInfo> events = new LinkedHashMap<>();
    SortedSet<String> subsystems = new TreeSet<>();
    for (ChannelDef channel : dictionary.getChannelsList()) {
      channels.putIfAbsent(channel.getName(), channel);
      add(subsystems, subsystemOf(channel.getName()));
    }
    for (EventInfo event : dictionary.getEventsList()) {
      events.putIfAbsent(event.getId(), event);
      add(subsystems, event.getSubsystem());
    }
    for (CommandInfo command : dictionary.getCommandsList()) {
      add(subsystems, subsystemOf(command.getName()));
    }
    for (ParameterInfo parameter : dictionary.getParametersList()) {
      add(subsystems, subsystemOf(parameter.getName()));
    }
    return new KnownDictionary(hash, dictionary, channels, events, subsystems);
  }

  private static void add(SortedSet<String> subsystems, String subsystem) {
    if (!subsystem.isEmpty()) {
      subsystems.add(subsystem);
    }
  }

  /** The part of {@code name} before its first dot, or empty. */
  public static String subsystemOf(String name) {
    int dot = name.indexOf('.');
    return dot <= 0 ? "" : name.substring(0, dot);
  }

  public Optional<ChannelDef> channel(String name) {
    return Optional.ofNullable(channels.get(name));
  }

  public Optional<EventInfo> event(int id) {
    return Optional.ofNullable(events.get(id));
  }

  public List<CommandInfo> commands() {
    return dictionary.getCommandsList();
  }

  /** A channel's limits (NaN where there is none). */
  public static Limits limits(ChannelDef channel) {
    return new Limits(channel.getYellowLow(), channel.getYellowHigh(), channel.getRedLow(), channel.getRedHigh());
  }
}
