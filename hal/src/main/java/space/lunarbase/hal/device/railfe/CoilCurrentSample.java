package space.lunarbase.hal.device.railfe;

import java.util.Set;

/** One sample of coil {@code coil}'s current, amperes (1 A resolution). */
public record CoilCurrentSample(int coil, long timestampNs, double amps, Set<EventFlag> flags) implements RailEvent {

  public CoilCurrentSample {
    flags = Set.copyOf(flags);
  }

  public CoilCurrentSample(int coil, long timestampNs, double amps) {
    this(coil, timestampNs, amps, Set.of());
  }
}
