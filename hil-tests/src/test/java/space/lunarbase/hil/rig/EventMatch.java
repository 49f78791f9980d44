package space.lunarbase.hil.rig;

import java.util.function.Predicate;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;

/**
 * Which events an assertion is about: by name, id, severity, or anything, narrowed with
 * {@link #and}. Its description names it in failure messages.
 */
public record EventMatch(String description, Predicate<Event> test) {

  public static EventMatch named(String name) {
    return new EventMatch(name, e -> e.getName().equals(name));
  }

  public static EventMatch id(int id) {
    return new EventMatch("id " + id, e -> e.getId() == id);
  }

  public static EventMatch severity(Severity severity) {
    return new EventMatch(severity.name(), e -> e.getSeverity() == severity);
  }

  /** This severity or worse (WARNING_HI includes FATAL). */
  public static EventMatch atLeast(Severity severity) {
    return new EventMatch(severity.name() + " or worse", e -> e.getSeverity().getNumber() >= severity.getNumber());
  }

  public static EventMatch any() {
    return new EventMatch("any event", e -> true);
  }

  /** Also {@code more}, described as {@code what}. */
  public EventMatch and(String what, Predicate<Event> more) {
    return new EventMatch(description + " with " + what, test.and(more));
  }

  public boolean matches(Event event) {
    return test.test(event);
  }
}
