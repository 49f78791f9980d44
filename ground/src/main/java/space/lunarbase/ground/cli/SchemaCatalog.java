package space.lunarbase.ground.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas controllers have published, by controller ({@code site/controller}), each built once
 * per distinct set and cached by its hash: the SHA-256 a birth names in {@code schema_hash}, so
 * that a controller whose birth names a set already seen (from it or a sibling running the same
 * firmware) decodes with it at once.
 */
final class SchemaCatalog {

  private final Map<String, WireSchema> byHash = new HashMap<>();
  private final Map<String, WireSchema> byController = new HashMap<>();

  /**
   * Takes the payload of {@code controller}'s schema topic; returns the schema, and whether it is
   * new for that controller (first, or different from the one it had).
   *
   * @throws IllegalArgumentException when the payload is not a usable descriptor set
   */
  Accepted accept(String controller, byte[] descriptorSet) {
    String hash = WireSchema.sha256(descriptorSet);
    WireSchema schema = byHash.get(hash);
    if (schema == null) {
      schema = WireSchema.fromDescriptorSet(descriptorSet);
      byHash.put(hash, schema);
    }
    WireSchema before = byController.put(controller, schema);
    return new Accepted(schema, before != schema);
  }

  /** A schema topic's payload, taken: the schema and whether the controller's schema changed with it. */
  record Accepted(WireSchema schema, boolean isNew) {}

  /**
   * A birth of {@code controller} names {@code schemaHash}: when that set is cached, the controller
   * decodes with it from now on. Returns false when the hash names a set not seen yet.
   */
  boolean birth(String controller, String schemaHash) {
    WireSchema schema = byHash.get(schemaHash);
    if (schema == null) {
      return false;
    }
    byController.put(controller, schema);
    return true;
  }

  /** The schema {@code controller} published, if any arrived. */
  Optional<WireSchema> forController(String controller) {
    return Optional.ofNullable(byController.get(controller));
  }
}
