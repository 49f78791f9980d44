package space.lunarbase.fsw.config.board;

import java.util.Map;
import java.util.Optional;

/** A mapping of a board file whose keys have been checked: every key it has is allowed, once. */
record Section(Entry entry, Map<String, Entry> fields) {

  /** A required key. */
  Entry get(String key) {
    Entry field = fields.get(key);
    if (field == null) {
      throw new BoardFileProblem(entry.child(key), "required key is missing");
    }
    return field;
  }

  /** An optional key. */
  Optional<Entry> find(String key) {
    return Optional.ofNullable(fields.get(key));
  }
}
