package space.lunarbase.hal.bank;

import java.util.Objects;
import space.lunarbase.hal.Quality;

/** The checks every reading record shares: GOOD has no fault text, anything else has one. */
final class Readings {

  private Readings() {}

  static void check(Object time, Quality quality, String fault) {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(fault, "fault");
    if (quality == Quality.GOOD && !fault.isEmpty()) {
      throw new IllegalArgumentException("a GOOD reading has no fault text, was: " + fault);
    }
    if (quality != Quality.GOOD && fault.isBlank()) {
      throw new IllegalArgumentException("a " + quality + " reading needs a fault text");
    }
  }
}
