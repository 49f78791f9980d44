package space.lunarbase.fsw.core.state;

import java.util.Objects;

/**
 * One change of state: from {@code from} to {@code to} (never equal), for {@code cause}.
 *
 * @param <S> the family's states
 * @param <C> what the family says about a move (a text, or a record with more)
 */
public record Move<S extends Enum<S>, C>(S from, S to, C cause) {

  public Move {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(cause, "cause");
    if (from == to) {
      throw new IllegalArgumentException("a move changes the state: " + from + " -> " + to);
    }
  }
}
