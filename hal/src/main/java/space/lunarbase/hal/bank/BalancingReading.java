package space.lunarbase.hal.bank;

import java.time.Instant;
import java.util.List;
import space.lunarbase.hal.Quality;

/**
 * The bleed (balancing) switches: commanded and as their output pins read back.
 *
 * @param time when they were read
 * @param commanded per cell, whether its bleed is commanded on
 * @param bleeding per cell, whether its output pin reads on; empty when FAILED
 * @param quality GOOD when the pins match the command; OUT_OF_RANGE when a pin disagrees; FAILED
 *     when an expander did not answer or has reset
 * @param fault why the quality is not GOOD; empty when GOOD
 */
public record BalancingReading(Instant time, List<Boolean> commanded, List<Boolean> bleeding, Quality quality,
    String fault) {

  public BalancingReading {
    Readings.check(time, quality, fault);
    commanded = List.copyOf(commanded);
    bleeding = List.copyOf(bleeding);
  }
}
