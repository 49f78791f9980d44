package space.lunarbase.fsw.core.event;

import java.util.List;

/**
 * A subsystem's events, all declared in one place: a bean implementing this lists every
 * {@link EventLog.Kind} the subsystem emits. The {@link EventCatalogue} checks at start that no
 * two kinds anywhere share an id or a name.
 */
public interface EventSet {

  /** Every kind of event this subsystem emits. */
  List<EventLog.Kind> events();
}
