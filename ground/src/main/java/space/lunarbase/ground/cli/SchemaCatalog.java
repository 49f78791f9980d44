package space.lunarbase.ground.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;

/**
 * Which schema each controller's messages are decoded with. Anybody who can publish on a
 * controller's {@code schema} topic could otherwise make lunarctl decode its messages wrongly, so a
 * published schema is used only when its SHA-256 is the {@code schema_hash} the controller's
 * birth (or death: {@code ControllerState} on {@code .../state}) names. Every distinct set is built
 * once and kept by its hash, so a controller whose birth names a set seen before (from it, or a
 * sibling running the same firmware) decodes with it at once, whoever published it: a hash names
 * exactly one set.
 *
 * <p>The hash is read from the state message with lunarctl's compiled {@code ControllerState}
 * (field 5, whose number a later schema never reuses), since the schema it would be decoded with
 * is what the hash is to check.
 *
 * <p>{@link #verdict} says, at a given time, what a controller's next message is decoded with. A
 * birth and a schema come one after the other (the firmware publishes the schema first), so a
 * disagreement between them, or one without the other, is judged only after {@code grace}; until
 * then messages wait. Times are {@link System#nanoTime()} values.
 */
final class SchemaCatalog {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** What a controller's messages are decoded with now. */
  sealed interface Verdict {}

  /**
   * With {@code schema}, the one its birth names; {@code note}, when present, says once that a
   * different schema was published meanwhile and is ignored.
   */
  record Decode(WireSchema schema, Optional<String> note) implements Verdict {}

  /** Not yet: a birth or schema may still come; ask again at {@code untilNanos}. */
  record Wait(long untilNanos) implements Verdict {}

  /** With lunarctl's compiled classes ({@link WireSchema#BUILTIN}); {@code note} says why, once. */
  record Builtin(String note) implements Verdict {}

  /** Not at all: {@code note} is the one line that says why (the published schema is not the birth's). */
  record Refuse(String note) implements Verdict {}

  /** A schema topic's payload, taken: its hash, whether the controller's published schema changed, and the set. */
  record Published(String hash, boolean isNew, Optional<WireSchema> schema, Optional<String> error) {}

  private static final class Entry {
    String birthHash;
    long birthAt;
    String publishedHash;
    String publishedTopic;
    String publishedError;
    long publishedAt;
    boolean waitingSince;
    long firstAt;
  }

  private final long graceNanos;
  private final Map<String, WireSchema> byHash = new HashMap<>();
  private final Map<String, Entry> controllers = new HashMap<>();

  SchemaCatalog(Duration grace) {
    this.graceNanos = grace.toNanos();
  }

  /**
   * Takes the payload of {@code controller}'s schema topic {@code topic}, received at {@code now}:
   * builds the set unless one of that hash is known. An unusable set is remembered by its hash too
   * (its error is in the result), so that a birth naming it is told apart from a mismatch.
   */
  Published published(String controller, String topic, byte[] descriptorSet, long now) {
    String hash = WireSchema.sha256(descriptorSet);
    Optional<String> error = Optional.empty();
    WireSchema schema = byHash.get(hash);
    if (schema == null) {
      try {
        schema = WireSchema.fromDescriptorSet(descriptorSet);
        byHash.put(hash, schema);
      } catch (IllegalArgumentException e) {
        error = Optional.of(e.getMessage());
      }
    }
    Entry entry = entry(controller);
    boolean isNew = !hash.equals(entry.publishedHash);
    if (isNew) {
      entry.publishedHash = hash;
      entry.publishedAt = now;
    }
    entry.publishedError = error.orElse(null);
    entry.publishedTopic = topic;
    prune();
    return new Published(hash, isNew, Optional.ofNullable(schema), error);
  }

  /**
   * Takes a state message of {@code controller} received at {@code now}: when it names a schema hash
   * (see {@link #birthHash}), that is the hash its messages must be decoded with from now on.
   */
  void state(String controller, byte[] payload, long now) {
    birthHash(payload).ifPresent(hash -> {
      Entry entry = entry(controller);
      if (!hash.equals(entry.birthHash)) {
        entry.birthHash = hash;
        entry.birthAt = now;
        prune();
      }
    });
  }

  /**
   * The {@code schema_hash} a serialized {@code ControllerState} names, read with the compiled class
   * (fields it does not know are skipped); empty when the bytes are not one or the hash is not 64
   * lower-case hex digits.
   */
  static Optional<String> birthHash(byte[] payload) {
    try {
      String hash = ControllerState.parseFrom(payload).getSchemaHash();
      return SHA256.matcher(hash).matches() ? Optional.of(hash) : Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /** What a message of {@code controller} arriving at {@code now} is decoded with. */
  Verdict verdict(String controller, long now) {
    Entry entry = entry(controller);
    String birth = entry.birthHash;
    String published = entry.publishedHash;
    boolean disagree = birth != null && published != null && !birth.equals(published);
    long since = birth == null ? entry.publishedAt : published == null ? entry.birthAt
        : entry.birthAt - entry.publishedAt > 0 ? entry.birthAt : entry.publishedAt;
    if (birth != null && byHash.containsKey(birth)) {
      WireSchema schema = byHash.get(birth);
      Optional<String> note = disagree && now - (since + graceNanos) >= 0
          ? Optional.of(mismatch(controller, entry) + ": ignoring it, decoding with schema " + schema.shortHash()
              + " (the birth's, seen before)")
          : Optional.empty();
      return new Decode(schema, note);
    }
    if (birth != null && birth.equals(published)) {
      return new Builtin("the schema of " + controller + " is unusable (" + entry.publishedError + "); its messages"
          + " are decoded with lunarctl's built-in schema v" + Schema.VERSION);
    }
    if (birth == null && published == null) {
      if (!entry.waitingSince) {
        entry.waitingSince = true;
        entry.firstAt = now;
      }
      since = entry.firstAt;
    }
    long until = since + graceNanos;
    if (now - until < 0) {
      return new Wait(until);
    }
    if (disagree) {
      return new Refuse(mismatch(controller, entry) + ": not decoding its messages");
    }
    if (published != null) {
      return new Refuse(controller + ": schema on " + entry.publishedTopic + " (sha256 " + WireSchema.shortHash(published)
          + ") came without a birth naming it on its state topic: not decoding its messages until one does");
    }
    return new Builtin("no schema from " + controller + " within " + DurationConverter.format(
        Duration.ofNanos(graceNanos)) + ": decoding its messages with lunarctl's built-in schema v" + Schema.VERSION
        + " until one arrives");
  }

  /** How many distinct sets are kept (for tests of the bound). */
  int cachedSets() {
    return byHash.size();
  }

  private static String mismatch(String controller, Entry entry) {
    return controller + ": schema on " + entry.publishedTopic + " does not match the birth's hash (sha256 "
        + WireSchema.shortHash(entry.publishedHash) + " vs " + WireSchema.shortHash(entry.birthHash) + ")";
  }

  private Entry entry(String controller) {
    return controllers.computeIfAbsent(controller, c -> new Entry());
  }

  /** Keeps only the sets some controller's birth or schema topic names, so a flood of schemas cannot pile up. */
  private void prune() {
    Set<String> named = new HashSet<>();
    for (Entry entry : controllers.values()) {
      if (entry.birthHash != null) {
        named.add(entry.birthHash);
      }
      if (entry.publishedHash != null) {
        named.add(entry.publishedHash);
      }
    }
    byHash.keySet().retainAll(named);
  }
}
