package space.lunarbase.fsw.core.event;

import io.micronaut.context.annotation.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event the controller can emit, gathered from the {@link EventSet} beans. Built at start:
 * two kinds with the same id or the same name, or a kind without a subsystem or severity, stop the
 * start naming both declarations, so an id means one thing in every log and on every ground.
 */
@Context
public final class EventCatalogue {

  private final List<EventLog.Kind> kinds;
  private final Map<Integer, EventLog.Kind> byId;

  public EventCatalogue(List<EventSet> sets) {
    List<EventLog.Kind> all = new ArrayList<>();
    Map<Integer, EventLog.Kind> ids = new HashMap<>();
    Map<String, EventLog.Kind> names = new HashMap<>();
    for (EventSet set : sets) {
      for (EventLog.Kind kind : set.events()) {
        check(kind, set);
        EventLog.Kind sameId = ids.putIfAbsent(kind.id(), kind);
        if (sameId != null && !sameId.equals(kind)) {
          throw new IllegalStateException("event id " + kind.id() + " declared twice: " + sameId + " and " + kind);
        }
        EventLog.Kind sameName = names.putIfAbsent(kind.name(), kind);
        if (sameName != null && !sameName.equals(kind)) {
          throw new IllegalStateException("event name " + kind.name() + " declared twice: " + sameName + " and " + kind);
        }
        if (sameId == null) {
          all.add(kind);
        }
      }
    }
    all.sort(Comparator.comparingInt(EventLog.Kind::id));
    this.kinds = List.copyOf(all);
    this.byId = Map.copyOf(ids);
  }

  private static void check(EventLog.Kind kind, EventSet set) {
    String where = " in " + set.getClass().getSimpleName();
    if (kind.id() <= 0) {
      throw new IllegalStateException("event " + kind.name() + where + ": id must be positive, was " + kind.id());
    }
    if (kind.name() == null || !kind.name().matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalStateException("event " + kind.id() + where + ": name must be UPPER_SNAKE, was " + kind.name());
    }
    if (kind.subsystem() == null || kind.subsystem().isBlank() || kind.severity() == null) {
      throw new IllegalStateException("event " + kind.name() + where + ": subsystem and severity are required");
    }
  }

  /** Every declared kind, by id. */
  public List<EventLog.Kind> kinds() {
    return kinds;
  }

  /** The kind with this id, if declared. */
  public Optional<EventLog.Kind> byId(int id) {
    return Optional.ofNullable(byId.get(id));
  }
}
