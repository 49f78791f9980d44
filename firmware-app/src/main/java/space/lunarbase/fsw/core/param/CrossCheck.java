package space.lunarbase.fsw.core.param;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A rule parameters must keep together, beyond each one's declared limits: judged on the values
 * they would have (at start, and before {@code core.SET_PARAM} changes anything), so no command
 * can leave, say, an interlock's minimum above its maximum. A refusal names the rule.
 *
 * @param names the parameters the rule reads (a saved value breaking it is not restored)
 * @param violation given the values, why they break the rule; empty if they keep it
 */
public record CrossCheck(List<String> names, Function<Values, Optional<String>> violation) {

  /** The values a rule is judged on. */
  @FunctionalInterface
  public interface Values {
    /** The value of a NUMBER parameter. */
    double number(String name);
  }

  public CrossCheck {
    names = List.copyOf(names);
  }

  /** {@code lower} strictly below {@code upper} (a band that is not empty). */
  public static CrossCheck below(String lower, String upper) {
    return new CrossCheck(List.of(lower, upper), v -> v.number(lower) < v.number(upper) ? Optional.empty()
        : Optional.of(String.format(Locale.ROOT, "%s (%s) must be below %s (%s)", lower, format(v.number(lower)),
            upper, format(v.number(upper)))));
  }

  /**
   * {@code name} within {@code min..max}, the hardware's rating that {@code rating} names (e.g.
   * {@code hal.board rail.rated-temperature-max-c}).
   */
  public static CrossCheck within(String name, double min, double max, String unit, String rating) {
    return new CrossCheck(List.of(name), v -> {
      double value = v.number(name);
      return value >= min && value <= max ? Optional.empty()
          : Optional.of(String.format(Locale.ROOT, "%s (%s %s) must be within %s..%s %s, the hardware's rating (%s)",
              name, format(value), unit, format(min), format(max), unit, rating));
    });
  }

  /** Empty if {@code values} keep the rule; else why not. */
  public Optional<String> check(Values values) {
    return violation.apply(values);
  }

  private static String format(double value) {
    return Double.toString(value);
  }
}
