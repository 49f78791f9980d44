package space.lunarbase.fsw.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A state machine's state and its table of allowed moves. {@link #moveTo} checks the table,
 * records the new state and tells every listener (the family's event, its telemetry), all under one
 * lock, so listeners see the moves in the order they were made and a move from another thread
 * waits for them. A move to the state it is in is no move: nothing is told. A move the table does
 * not allow throws {@link TransitionRefused} and changes nothing.
 *
 * <p>A listener that throws does not undo the move: the state is the new one, the other listeners
 * are still told, and the first failure is thrown from {@link #moveTo} once they all were. A
 * listener must not move the machine itself.
 *
 * <p>The table is built once ({@link #builder}) and never changes. A machine built without a
 * starting state has none until {@link #start}, which sets the first state without a move.
 *
 * @param <S> the family's states
 * @param <C> what the family says about a move (a text, or a record with more)
 */
public final class Transitions<S extends Enum<S>, C> {

  private final String family;
  private final Map<S, Set<S>> allowed;
  private final List<Consumer<? super Move<S, C>>> listeners;
  private volatile S state;
  private boolean telling;

  private Transitions(Builder<S, C> b) {
    this.family = b.family;
    Map<S, Set<S>> table = new EnumMap<>(b.states);
    b.allowed.forEach((from, to) -> table.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to))));
    this.allowed = Collections.unmodifiableMap(table);
    this.listeners = List.copyOf(b.listeners);
    this.state = b.start;
  }

  /** A builder of {@code family}'s table (the family names it in messages, e.g. {@code "bank"}). */
  public static <S extends Enum<S>, C> Builder<S, C> builder(String family, Class<S> states) {
    return new Builder<>(family, states);
  }

  /** The state now; empty before {@link #start} when built without a starting state. */
  public Optional<S> current() {
    return Optional.ofNullable(state);
  }

  /**
   * The state now.
   *
   * @throws IllegalStateException before {@link #start} when built without a starting state
   */
  public S state() {
    S s = state;
    if (s == null) {
      throw new IllegalStateException(family + " has no state yet");
    }
    return s;
  }

  /** Whether the table allows {@code from -> to} (a state to itself is always allowed: no move). */
  public boolean allows(S from, S to) {
    return from == to || allowed.getOrDefault(from, Set.of()).contains(to);
  }

  /**
   * Sets the first state, without a move (nothing is told).
   *
   * @throws IllegalStateException if the machine already has a state
   */
  public synchronized void start(S first) {
    Objects.requireNonNull(first, "first");
    if (state != null) {
      throw new IllegalStateException(family + " has started already, in " + state);
    }
    state = first;
  }

  /**
   * Moves to {@code to} for {@code cause} and tells the listeners.
   *
   * @return whether the state changed (false if it was {@code to} already)
   * @throws TransitionRefused if the table does not allow the move (the state is unchanged)
   * @throws IllegalStateException before {@link #start}, or from inside a listener
   */
  public synchronized boolean moveTo(S to, C cause) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(cause, "cause");
    if (telling) {
      throw new IllegalStateException(family + ": a listener may not move the machine (to " + to + ")");
    }
    S from = state();
    if (from == to) {
      return false;
    }
    if (!allows(from, to)) {
      throw new TransitionRefused(family, from, to);
    }
    state = to;
    tell(new Move<>(from, to, cause));
    return true;
  }

  private void tell(Move<S, C> move) {
    RuntimeException failure = null;
    telling = true;
    try {
      for (Consumer<? super Move<S, C>> listener : listeners) {
        try {
          listener.accept(move);
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    } finally {
      telling = false;
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return family + " " + state;
  }

  /** Builds a {@link Transitions}: the allowed moves, the listeners, the starting state if any. */
  public static final class Builder<S extends Enum<S>, C> {

    private final String family;
    private final Class<S> states;
    private final Map<S, Set<S>> allowed;
    private final List<Consumer<? super Move<S, C>>> listeners = new ArrayList<>();
    private S start;

    private Builder(String family, Class<S> states) {
      this.family = Objects.requireNonNull(family, "family");
      this.states = Objects.requireNonNull(states, "states");
      this.allowed = new EnumMap<>(states);
    }

    /** Allows {@code from} to move to each of {@code to}. */
    @SafeVarargs
    public final Builder<S, C> allow(S from, S... to) {
      Objects.requireNonNull(from, "from");
      for (S s : to) {
        if (s == from) {
          throw new IllegalArgumentException(family + ": " + from + " -> " + s + " is no move");
        }
        allowed.computeIfAbsent(from, k -> EnumSet.noneOf(states)).add(s);
      }
      return this;
    }

    /** Allows every other state to move to each of {@code to}. */
    @SafeVarargs
    public final Builder<S, C> allowFromAny(S... to) {
      for (S from : states.getEnumConstants()) {
        for (S s : to) {
          if (s != from) {
            allow(from, s);
          }
        }
      }
      return this;
    }

    /** Told of every move, after the state changed, in the order listeners were added. */
    public Builder<S, C> listener(Consumer<? super Move<S, C>> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The state it starts in (without one it has none until {@link Transitions#start}). */
    public Builder<S, C> startingAt(S first) {
      this.start = Objects.requireNonNull(first, "first");
      return this;
    }

    public Transitions<S, C> build() {
      return new Transitions<>(this);
    }
  }
}
