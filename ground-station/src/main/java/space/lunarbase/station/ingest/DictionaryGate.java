package space.lunarbase.station.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.station.site.KnownDictionary;

/**
 * Which dictionary of each controller the station uses: the one whose SHA-256 the controller's
 * current state names ({@code dictionary_hash}), whichever of the two arrives first. A controller
 * publishes its dictionary just before its birth, so a dictionary its current state does not name
 * is held (one per controller, at most {@link #MAX_HELD} in all) until a state names it; a state
 * naming another, a later dictionary of the same controller, or the bound refuses it. Oversize
 * bytes, bytes that are no {@code lunarbase.v1.Dictionary}, and a newer major version are refused
 * at once. A state naming another dictionary (or none) drops the one in use. Controllers with the
 * same dictionary share one parsed copy. One thread.
 */
final class DictionaryGate {

  /** The largest dictionary taken (the simulated board's JSON form, docs/dictionary, is 59 KB; its bytes fewer). */
  static final int MAX_BYTES = 256 * 1024;
  /** Dictionaries waiting for a state that names them, over every controller. */
  static final int MAX_HELD = 64;
  /** The dictionary shape this station reads. */
  static final int VERSION = 1;

  /** What to do with the site model and the archive. */
  sealed interface Decision {}

  /** Use this dictionary for the controller (and archive its bytes). */
  record Use(String controller, KnownDictionary dictionary, byte[] bytes) implements Decision {}

  /** The controller has no usable dictionary any more. */
  record Drop(String controller) implements Decision {}

  /** A dictionary of the controller is not used, and why. */
  record Refuse(String controller, int bytes, String reason) implements Decision {}

  private record Candidate(String hash, Dictionary dictionary, byte[] bytes) {}

  private final Map<String, String> named = new HashMap<>();
  private final Map<String, String> used = new HashMap<>();
  private final LinkedHashMap<String, Candidate> held = new LinkedHashMap<>();
  private final Map<String, KnownDictionary> known = new HashMap<>();

  /**
   * A dictionary read back from the archive (its hash checked): in use until a state names another.
   *
   * @throws InvalidProtocolBufferException when the bytes are not a dictionary
   */
  KnownDictionary restore(String controller, String hash, byte[] bytes) throws InvalidProtocolBufferException {
    KnownDictionary dictionary = known.get(hash);
    if (dictionary == null) {
      dictionary = known(hash, Dictionary.parseFrom(bytes));
    }
    used.put(controller, hash);
    return dictionary;
  }

  /** The shared parsed copy of the dictionary {@code hash}; forgets those no controller uses now and then. */
  private KnownDictionary known(String hash, Dictionary dictionary) {
    KnownDictionary copy = known.get(hash);
    if (copy == null) {
      if (known.size() >= MAX_HELD) {
        known.keySet().retainAll(new java.util.HashSet<>(used.values()));
      }
      copy = KnownDictionary.of(hash, dictionary);
      known.put(hash, copy);
    }
    return copy;
  }

  /** Dictionaries waiting for a state that names them. */
  int held() {
    return held.size();
  }

  /** The bytes published on {@code controller}'s {@code dictionary} topic. */
  List<Decision> dictionary(String controller, byte[] bytes) {
    List<Decision> decisions = new ArrayList<>(2);
    if (bytes.length > MAX_BYTES) {
      decisions.add(new Refuse(controller, bytes.length, "dictionary oversize: " + bytes.length + " bytes, at most "
          + MAX_BYTES));
      return decisions;
    }
    String hash = Codec.sha256(bytes);
    if (hash.equals(used.get(controller))) {
      return decisions; // the one in use again (retained, or a rebirth)
    }
    KnownDictionary shared = known.get(hash);
    Dictionary dictionary;
    try {
      dictionary = shared != null ? shared.dictionary() : Dictionary.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      decisions.add(new Refuse(controller, bytes.length, "dictionary does not parse: " + e.getMessage()));
      return decisions;
    }
    if (dictionary.getVersion() == 0) {
      decisions.add(new Refuse(controller, bytes.length, "not a dictionary: it has no version"));
      return decisions;
    }
    if (dictionary.getVersion() > VERSION) {
      decisions.add(new Refuse(controller, bytes.length, "dictionary version " + dictionary.getVersion()
          + " is newer than this station reads (" + VERSION + ")"));
      return decisions;
    }
    Candidate candidate = new Candidate(hash, dictionary, bytes);
    Candidate replaced = held.remove(controller);
    if (replaced != null && !replaced.hash().equals(hash)) {
      decisions.add(refuse(controller, replaced, "replaced by another dictionary before a state named it"));
    }
    if (hash.equals(named.get(controller))) {
      use(controller, candidate, decisions);
      return decisions;
    }
    held.put(controller, candidate);
    if (held.size() > MAX_HELD) {
      Iterator<Map.Entry<String, Candidate>> eldest = held.entrySet().iterator();
      Map.Entry<String, Candidate> first = eldest.next();
      eldest.remove();
      decisions.add(refuse(first.getKey(), first.getValue(), "no state named it while " + MAX_HELD
          + " other dictionaries waited"));
    }
    return decisions;
  }

  /** The controller's current state names {@code hash} (empty: it publishes none). */
  List<Decision> state(String controller, String hash) {
    List<Decision> decisions = new ArrayList<>(2);
    named.put(controller, hash);
    String inUse = used.get(controller);
    if (inUse != null && !inUse.equals(hash)) {
      used.remove(controller);
      decisions.add(new Drop(controller));
    }
    Candidate candidate = held.get(controller);
    if (candidate != null) {
      if (candidate.hash().equals(hash)) {
        held.remove(controller);
        use(controller, candidate, decisions);
      } else {
        held.remove(controller);
        decisions.add(refuse(controller, candidate, hash.isEmpty() ? "its state names no dictionary"
            : "its SHA-256 is not the dictionary_hash its state names (" + shortHash(hash) + ")"));
      }
    }
    return decisions;
  }

  private void use(String controller, Candidate candidate, List<Decision> decisions) {
    used.put(controller, candidate.hash());
    decisions.add(new Use(controller, known(candidate.hash(), candidate.dictionary()), candidate.bytes()));
  }

  private static Refuse refuse(String controller, Candidate candidate, String why) {
    return new Refuse(controller, candidate.bytes().length, "dictionary " + shortHash(candidate.hash()) + " not used: "
        + why);
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
