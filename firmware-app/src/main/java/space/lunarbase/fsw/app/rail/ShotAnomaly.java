package space.lunarbase.fsw.app.rail;

import java.util.Objects;
import space.lunarbase.proto.v1.ShotAnomaly.Kind;

/**
 * One thing that looked wrong in a shot.
 *
 * @param kind what kind of thing
 * @param gate the gate concerned, -1 if none
 * @param coil the coil concerned, -1 if none
 * @param text one line for people
 */
public record ShotAnomaly(Kind kind, int gate, int coil, String text) {

  public ShotAnomaly {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  static ShotAnomaly of(Kind kind, String text) {
    return new ShotAnomaly(kind, -1, -1, text);
  }

  static ShotAnomaly gate(Kind kind, int gate, String text) {
    return new ShotAnomaly(kind, gate, -1, text);
  }

  static ShotAnomaly coil(Kind kind, int coil, String text) {
    return new ShotAnomaly(kind, -1, coil, text);
  }

  /** The kind's name without its prefix, e.g. {@code MISSING_GATE}. */
  public String kindName() {
    return kind.name().substring("KIND_".length());
  }
}
