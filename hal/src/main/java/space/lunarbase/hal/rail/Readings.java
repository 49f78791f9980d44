package space.lunarbase.hal.rail;

import space.lunarbase.hal.Quality;

/** The rule every rail reading keeps: GOOD has no fault text, anything else has one. */
final class Readings {

  private Readings() {}

  static void check(Quality quality, String fault) {
    if (quality == null || fault == null) {
      throw new NullPointerException("quality and fault must be given");
    }
    if (quality == Quality.GOOD && !fault.isEmpty()) {
      throw new IllegalArgumentException("a GOOD reading has no fault text, was: " + fault);
    }
    if (quality != Quality.GOOD && fault.isBlank()) {
      throw new IllegalArgumentException("a " + quality + " reading needs a fault text");
    }
  }
}
