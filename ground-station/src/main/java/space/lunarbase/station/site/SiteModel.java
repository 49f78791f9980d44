package space.lunarbase.station.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site as the station has learnt it: controllers, their state and link, each subsystem's mode,
 * their channel catalogues (names, units, limits), their dictionaries and every series archived for
 * them. Written by
 * ingest (one thread), read by the web layer as immutable snapshots.
 */
public final class SiteModel {

  private final Map<String, Entry> controllers = new ConcurrentHashMap<>();

  /** A channel of a catalogue. */
  public record CatalogueEntry(String name, String unit, Limits limits) {}

  private static final class Entry {
    final String key;
    final String site;
    final String controller;
    String status = "UNKNOWN";
    String reason = "";
    long boot;
    String firmware = "";
    String halMode = "";
    String schemaHash = "";
    String dictionaryHash = "";
    KnownDictionary dictionary;
    long stateTime;
    long lastMessage;
    String linkStatus = "";
    final Map<String, String> modes = new TreeMap<>();
    String worstLevel = "IN_LIMITS";
    List<String> worstChannels = List.of();
    final Map<Long, List<CatalogueEntry>> catalogues = new LinkedHashMap<>();
    final Map<String, Series> series = new ConcurrentHashMap<>();
    volatile ControllerSnapshot snapshot;

    Entry(String key) {
      this.key = key;
      int slash = key.indexOf('/');
      this.site = key.substring(0, slash);
      this.controller = key.substring(slash + 1);
    }
  }

  private Entry entry(String key) {
    return controllers.computeIfAbsent(key, Entry::new);
  }

  /**
   * A state message (birth or death); {@code dictionaryHash} is the SHA-256 of the dictionary it names
   * (empty: none, or not known). Returns whether it is now the controller's state (false for an
   * older one than held).
   */
  public synchronized boolean state(String key, String status, String reason, long boot, String firmware,
      String halMode, String schemaHash, String dictionaryHash, long stateTimeMicros) {
    Entry e = entry(key);
    if (!e.status.equals("UNKNOWN") && !newer(e, status, boot, stateTimeMicros)) {
      return false; // an older state than the one held (a replayed or retained copy)
    }
    e.status = status;
    e.reason = reason;
    e.boot = boot;
    e.firmware = firmware;
    e.halMode = halMode;
    e.schemaHash = schemaHash;
    e.dictionaryHash = dictionaryHash;
    e.stateTime = stateTimeMicros;
    e.snapshot = null;
    return true;
  }

  /** The dictionary the station uses for {@code key}, or none ({@code null}). */
  public synchronized void dictionary(String key, KnownDictionary dictionary) {
    Entry e = entry(key);
    e.dictionary = dictionary;
    e.snapshot = null;
  }

  /** The dictionary the station uses for {@code key}, if any. */
  public synchronized Optional<KnownDictionary> dictionary(String key) {
    Entry e = controllers.get(key);
    return e == null ? Optional.empty() : Optional.ofNullable(e.dictionary);
  }

  /**
   * Whether a state supersedes the one held: a later boot does; within a boot a death does (the last
   * will is stamped when the connection was made, before the birth it ends); else the later time.
   */
  private static boolean newer(Entry e, String status, long boot, long time) {
    if (boot != e.boot) {
      return boot > e.boot;
    }
    if (!status.equals(e.status)) {
      return status.equals("OFFLINE");
    }
    return time >= e.stateTime;
  }

  /** Anything received from {@code key}, live. */
  public void seen(String key, long receivedMicros) {
    Entry e = entry(key);
    if (receivedMicros > e.lastMessage) {
      e.lastMessage = receivedMicros;
      e.snapshot = null;
    }
  }

  /** A subsystem's mode, from its latest live frame. */
  public synchronized void mode(String key, String subsystem, String mode) {
    Entry e = entry(key);
    if (!mode.equals(e.modes.put(subsystem, mode))) {
      e.snapshot = null;
    }
  }

  public synchronized void linkStatus(String key, String status) {
    Entry e = entry(key);
    if (!status.equals(e.linkStatus)) {
      e.linkStatus = status;
      e.snapshot = null;
    }
  }

  /** The worst limit level of a live channel frame and the channels at it. */
  public synchronized void limits(String key, String worstLevel, List<String> channels) {
    Entry e = entry(key);
    e.worstLevel = worstLevel;
    e.worstChannels = List.copyOf(channels);
    e.snapshot = null;
  }

  /** A catalogue: its channels become series with their units and limits. */
  public synchronized void catalogue(String key, long catalogueId, List<CatalogueEntry> channels) {
    Entry e = entry(key);
    e.catalogues.put(catalogueId, List.copyOf(channels));
    for (CatalogueEntry channel : channels) {
      e.series.put(channel.name(), new Series(channel.name(), channel.unit(), Series.Kind.CHANNEL, channel.limits()));
    }
    e.snapshot = null;
  }

  /** The catalogue {@code catalogueId} of {@code key}, if seen. */
  public synchronized Optional<List<CatalogueEntry>> catalogue(String key, long catalogueId) {
    Entry e = controllers.get(key);
    return e == null ? Optional.empty() : Optional.ofNullable(e.catalogues.get(catalogueId));
  }

  /** Whether any catalogue of {@code key} is known. */
  public boolean hasCatalogue(String key) {
    Entry e = controllers.get(key);
    return e != null && !e.catalogues.isEmpty();
  }

  /** Makes a series known (first sample of a field or batch). Returns true when it was new. */
  public boolean series(String key, String name, Series.Kind kind) {
    Entry e = entry(key);
    Series known = e.series.get(name);
    if (known != null) {
      if (kind == Series.Kind.BATCH && known.kind() == Series.Kind.FIELD) {
        e.series.put(name, new Series(name, known.unit(), kind, known.limits())); // a frame field sampled fast too
        e.snapshot = null;
      }
      return false;
    }
    e.series.putIfAbsent(name, new Series(name, Series.unitOf(name), kind, Limits.NONE));
    e.snapshot = null;
    return true;
  }

  /** The series {@code name} of {@code key}, if known. */
  public Optional<Series> find(String key, String name) {
    Entry e = controllers.get(key);
    return e == null ? Optional.empty() : Optional.ofNullable(e.series.get(name));
  }

  /** Every controller, sorted by key. */
  public List<ControllerSnapshot> controllers() {
    List<ControllerSnapshot> all = new ArrayList<>();
    for (Entry e : controllers.values()) {
      all.add(snapshot(e));
    }
    all.sort(Comparator.comparing(ControllerSnapshot::key));
    return all;
  }

  public Optional<ControllerSnapshot> controller(String key) {
    Entry e = controllers.get(key);
    return e == null ? Optional.empty() : Optional.of(snapshot(e));
  }

  private synchronized ControllerSnapshot snapshot(Entry e) {
    ControllerSnapshot s = e.snapshot;
    if (s == null) {
      List<Series> series = new ArrayList<>(e.series.values());
      series.sort(Comparator.comparing(Series::name));
      s = new ControllerSnapshot(e.key, e.site, e.controller, e.status, e.reason, e.boot, e.firmware, e.halMode,
          e.schemaHash, e.dictionaryHash, e.stateTime, e.lastMessage, e.linkStatus, Map.copyOf(e.modes),
          e.worstLevel, e.worstChannels, List.copyOf(series), Optional.ofNullable(e.dictionary));
      e.snapshot = s;
    }
    return s;
  }
}
