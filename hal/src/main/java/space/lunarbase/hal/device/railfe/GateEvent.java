package space.lunarbase.hal.device.railfe;

import java.util.Set;

/** The sled (or noise: {@link EventFlag#NOISE}) interrupted gate {@code gate} at {@code timestampNs}. */
public record GateEvent(int gate, long timestampNs, Set<EventFlag> flags) implements RailEvent {

  public GateEvent {
    flags = Set.copyOf(flags);
  }

  /** A crossing that passed the deglitch filter. */
  public boolean isCrossing() {
    return !flags.contains(EventFlag.NOISE);
  }
}
