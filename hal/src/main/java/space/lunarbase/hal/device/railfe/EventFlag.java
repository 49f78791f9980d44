package space.lunarbase.hal.device.railfe;

import java.util.EnumSet;
import java.util.Set;

/** Flags of an event record (spec &sect;7, byte 2). */
public enum EventFlag {
  /** Bit 0: a gate pulse shorter than the 200 ns deglitch width: likely not the sled. */
  NOISE(1),
  /** Bit 1: records were dropped (FIFO full) just before this one. */
  OVERFLOW_BEFORE(1 << 1),
  /** Bit 2: a coil trigger that saw no coil current within 50 us: the stage did not fire. */
  NO_CURRENT(1 << 2),
  /** Bit 3: the coil current is beyond the record's +-32767 A. */
  SATURATED(1 << 3);

  private final int bit;

  EventFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  /** The flags set in a record's flag byte; unknown bits are ignored. */
  public static Set<EventFlag> of(int bits) {
    EnumSet<EventFlag> set = EnumSet.noneOf(EventFlag.class);
    for (EventFlag f : values()) {
      if ((bits & f.bit) != 0) {
        set.add(f);
      }
    }
    return Set.copyOf(set);
  }

  /** The flag byte of a set of flags. */
  public static int bits(Set<EventFlag> flags) {
    int bits = 0;
    for (EventFlag f : flags) {
      bits |= f.bit;
    }
    return bits;
  }
}
