package space.lunarbase.fsw.core.mode;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.storage.CheckedTextFile;
import space.lunarbase.fsw.core.storage.DataFormats;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;

/**
 * The subsystems range safety holds SAFE. Range safety making a subsystem SAFE ({@code rail.SAFE},
 * {@code rail.ABORT} or {@code core.SET_MODE ... mode=SAFE} under a range-safety key) sets a hold;
 * while it stands the subsystem cannot leave SAFE (this is a {@link ModeGuard}) and an operator's
 * attempt is refused HELD; only a range-safety key releases it ({@code core.RELEASE_HOLD}, or its
 * own {@code core.SET_MODE}).
 *
 * <p>Kept across restarts in {@code {data-dir}/range-safety/holds} (a {@link CheckedTextFile}: one
 * line per hold, {@code subsystem key since-ns cause}, tab-separated; written atomically before a
 * hold counts as set or released): a held subsystem starts SAFE ({@link #startSafe}), so a restart
 * is no way around a hold. A file that cannot be trusted is moved aside and every subsystem is held
 * (HOLDS_NOT_LOADED): range safety decides what may leave SAFE. Thread-safe.
 */
@Singleton
public final class RangeSafetyHolds implements ModeGuard {

  /** The file's folder below the data folder. */
  public static final String FOLDER = "range-safety";
  static final String HEADER = "# lunarbase range-safety holds v" + DataFormats.RANGE_SAFETY_HOLDS;

  /**
   * One hold.
   *
   * @param subsystem the subsystem held SAFE
   * @param keyId the range-safety key that set it (empty for the holds set when the file was unreadable)
   * @param cause what set it, e.g. {@code command rail.SAFE (key rs-1, request 7)}
   * @param since when it was set, by the controller's clock
   */
  public record Hold(String subsystem, String keyId, String cause, Instant since) {

    public Hold {
      Objects.requireNonNull(subsystem, "subsystem");
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(since, "since");
    }

    /** {@code held SAFE by range safety since 2030-...Z (key rs-1: command rail.SAFE ...)}. */
    public String describe() {
      return "held SAFE by range safety since " + since + " (" + (keyId.isEmpty() ? "" : "key " + keyId + ": ")
          + cause + ")";
    }
  }

  private final CheckedTextFile file;
  private final EventLog events;
  private final InstantSource clock;
  private volatile Map<String, Hold> holds;

  @Inject
  public RangeSafetyHolds(ControllerSettings controller, EventLog events, InstantSource clock) {
    this(controller.dataPath(), events, clock);
  }

  public RangeSafetyHolds(Path dataDir, EventLog events, InstantSource clock) {
    this.file = new CheckedTextFile(dataDir.resolve(FOLDER).resolve("holds"), HEADER);
    this.events = events;
    this.clock = clock;
    this.holds = load();
  }

  private Map<String, Hold> load() {
    try {
      Optional<String> body = file.read();
      Map<String, Hold> kept = new TreeMap<>();
      if (body.isPresent()) {
        for (String line : body.get().split("\n")) {
          if (!line.isEmpty()) {
            Hold hold = parse(line);
            kept.put(hold.subsystem(), hold);
          }
        }
      }
      return Map.copyOf(kept);
    } catch (IOException | CheckedTextFile.CorruptException e) {
      file.quarantine();
      Instant now = clock.instant();
      Map<String, Hold> all = new TreeMap<>();
      String cause = "the kept holds could not be read (" + e.getMessage() + ")";
      for (String subsystem : Modes.SUBSYSTEMS) {
        all.put(subsystem, new Hold(subsystem, "", cause, now));
      }
      events.emitUnthrottled(HoldEvents.HOLDS_NOT_LOADED, "range-safety holds in " + file.path()
          + " not loaded (" + e.getMessage() + "): every subsystem is held SAFE until range safety releases it;"
          + " the file is kept as " + file.path().getFileName() + ".corrupt", Map.of("file", file.path().toString()));
      try {
        save(all);
      } catch (IOException io) {
        // held in memory all the same; the next hold or release writes the file again
      }
      return Map.copyOf(all);
    }
  }

  private static Hold parse(String line) throws CheckedTextFile.CorruptException {
    String[] parts = line.split("\t", 4);
    if (parts.length != 4 || !Modes.SUBSYSTEMS.contains(parts[0])) {
      throw new CheckedTextFile.CorruptException("a line that is not a hold");
    }
    try {
      return new Hold(parts[0], parts[1], parts[3], Instant.ofEpochSecond(0, Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      throw new CheckedTextFile.CorruptException("a hold without a time");
    }
  }

  /** The hold on {@code subsystem}, if range safety holds it. */
  public Optional<Hold> of(String subsystem) {
    return Optional.ofNullable(holds.get(subsystem));
  }

  /** Every hold now, by subsystem. */
  public List<Hold> all() {
    return List.copyOf(holds.values());
  }

  /**
   * Holds {@code subsystem} SAFE on the authority of range-safety key {@code keyId}; raises HOLD_SET.
   * Held in memory even if it cannot be written.
   *
   * @return false if it was held already (the first hold stands)
   * @throws IOException the hold could not be kept across a restart (it holds until then)
   */
  public synchronized boolean hold(String subsystem, String keyId, String cause) throws IOException {
    if (!Modes.SUBSYSTEMS.contains(subsystem)) {
      throw new IllegalArgumentException("no mode for subsystem " + subsystem);
    }
    if (holds.containsKey(subsystem)) {
      return false;
    }
    Hold hold = new Hold(subsystem, keyId, clean(cause), clock.instant());
    Map<String, Hold> next = new TreeMap<>(holds);
    next.put(subsystem, hold);
    holds = Map.copyOf(next);
    events.emitUnthrottled(HoldEvents.HOLD_SET, subsystem + " " + hold.describe()
        + "; only a range-safety key releases it", args(subsystem, keyId, hold.cause()));
    save(next);
    return true;
  }

  /**
   * Releases the hold on {@code subsystem} on the authority of range-safety key {@code keyId};
   * raises HOLD_RELEASED. Written before it counts: if it cannot be written the hold stands.
   *
   * @return the hold released; empty if there was none
   * @throws IOException the release could not be written: the hold stands
   */
  public synchronized Optional<Hold> release(String subsystem, String keyId, String cause) throws IOException {
    Hold hold = holds.get(subsystem);
    if (hold == null) {
      return Optional.empty();
    }
    Map<String, Hold> next = new TreeMap<>(holds);
    next.remove(subsystem);
    save(next);
    holds = Map.copyOf(next);
    events.emitUnthrottled(HoldEvents.HOLD_RELEASED, subsystem + ": range-safety hold released by key " + keyId
        + " (" + clean(cause) + "); it was " + hold.describe(), args(subsystem, keyId, clean(cause)));
    return Optional.of(hold);
  }

  @Override
  public Optional<String> refuse(String subsystem, Mode from, Mode to) {
    Hold hold = holds.get(subsystem);
    if (hold == null || to == Mode.SAFE) {
      return Optional.empty();
    }
    return Optional.of(hold.describe() + "; only a range-safety key releases it");
  }

  @Override
  public Optional<String> startSafe(String subsystem) {
    return of(subsystem).map(Hold::describe);
  }

  private void save(Map<String, Hold> all) throws IOException {
    StringBuilder body = new StringBuilder();
    for (Hold hold : all.values()) {
      body.append(hold.subsystem()).append('\t').append(hold.keyId()).append('\t')
          .append(HeaderStamper.nanos(hold.since())).append('\t').append(hold.cause()).append('\n');
    }
    file.write(body.toString());
  }

  /** One line, no tabs: a cause as kept in the file. */
  private static String clean(String cause) {
    return cause.replaceAll("[\\t\\n\\r]", " ");
  }

  private static Map<String, String> args(String subsystem, String keyId, String cause) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("subsystem", subsystem);
    args.put("key", keyId);
    args.put("cause", cause);
    return args;
  }
}
