package space.lunarbase.hal.device.railfe;

import java.util.Set;

/** The front-end fired coil {@code coil}; {@link EventFlag#NO_CURRENT} if no current followed. */
public record CoilTriggerEvent(int coil, long timestampNs, Set<EventFlag> flags) implements RailEvent {

  public CoilTriggerEvent {
    flags = Set.copyOf(flags);
  }

  public CoilTriggerEvent(int coil, long timestampNs) {
    this(coil, timestampNs, Set.of());
  }
}
